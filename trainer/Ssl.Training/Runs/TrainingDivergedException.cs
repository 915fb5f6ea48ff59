namespace Ssl.Training.Runs;

/// <summary>The loss became NaN or infinite: training stops instead of burning the rest of its budget.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
