using Ssl.Training.Methods;

namespace Ssl.Training.Training;

/// <summary>A finished training run: the trained method (caller disposes) and its final state.</summary>
public sealed record TrainingResult(SslMethod Method, TrainingState State, TrainingPlan Plan) : IDisposable
{
    public void Dispose() => Method.Dispose();
}
