using Ssl.Training.Encoders;
using Ssl.Training.Optimization;

namespace Ssl.Training.Methods;

/// <summary>A registered method: its name on the command line, paper reference, hyper-parameters with their
/// defaults, optimiser recipe, and how to build it on a backbone.</summary>
public sealed record MethodDefinition(
    string Name,
    string Title,
    string Reference,
    IReadOnlyList<HyperParameter> HyperParameters,
    OptimizerSettings Optimizer,
    Func<Encoder, HyperParameters, SslMethod> Create);
