using Ssl.Training.Methods;
using Ssl.Training.Runs;

namespace Ssl.Training.Loop;

/// <summary>A finished training run: the trained method (caller disposes) and its final state.</summary>
public sealed record TrainingResult(SslMethod Method, TrainingState State, TrainingPlan Plan) : IDisposable
{
    public void Dispose() => Method.Dispose();
}
