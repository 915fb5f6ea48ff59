namespace Ssl.Training.Methods;

/// <summary>Where training is, for per-step hooks such as an EMA whose momentum follows a schedule.</summary>
/// <param name="GlobalStep">Optimiser steps done before this one, over the whole run.</param>
/// <param name="TotalSteps">Optimiser steps the whole run will take.</param>
public readonly record struct StepContext(int Epoch, long GlobalStep, long TotalSteps);
