using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ssl.Training.Optimization;

/// <summary>Our own optimisers (TorchSharp has no LARS), with their state held as named tensors so that a
/// checkpoint restores it exactly. The learning rate of each group is set by the trainer before each step.</summary>
public abstract class Optimizer : IDisposable
{
    protected Optimizer(IReadOnlyList<ParameterGroup> groups, OptimizerSettings settings)
    {
        Groups = groups;
        Settings = settings;
        LearningRates = new double[groups.Count];
    }

    public IReadOnlyList<ParameterGroup> Groups { get; }
    public OptimizerSettings Settings { get; }

    /// <summary>The current learning rate of each group, in <see cref="Groups"/> order.</summary>
    public double[] LearningRates { get; }

    protected Dictionary<string, Tensor> State { get; } = new();

    public void ZeroGrad()
    {
        foreach (var g in Groups)
            foreach (var (_, p) in g.Parameters)
                p.grad?.zero_();
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < Groups.Count; i++)
            foreach (var (name, p) in Groups[i].Parameters)
                if (p.grad is { } grad) Update(name, p, grad, LearningRates[i]);
    }

    /// <summary>Updates one parameter in place. Runs under no_grad inside a dispose scope; state tensors must be
    /// kept alive with <see cref="Keep"/>.</summary>
    protected abstract void Update(string name, Parameter p, Tensor grad, double learningRate);

    /// <summary>Weight decay and LARS adaptation skip biases and normalisation weights (1-D parameters), as in
    /// You et al. 2017 and the BYOL / Barlow Twins reference code.</summary>
    protected static bool IsBiasOrNorm(Parameter p) => p.dim() <= 1;

    protected Tensor Keep(string key, Tensor value)
    {
        if (State.TryGetValue(key, out var old) && !ReferenceEquals(old, value)) old.Dispose();
        value.DetachFromDisposeScope();
        State[key] = value;
        return value;
    }

    public IReadOnlyDictionary<string, Tensor> StateDict() => State;

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, Device device)
    {
        foreach (var t in State.Values) t.Dispose();
        State.Clear();
        foreach (var (k, v) in state)
        {
            var t = v.to(device).clone();
            t.DetachFromDisposeScope();
            State[k] = t;
        }
    }

    public void Dispose()
    {
        foreach (var t in State.Values) t.Dispose();
        State.Clear();
        GC.SuppressFinalize(this);
    }

    public static Optimizer Create(IReadOnlyList<ParameterGroup> groups, OptimizerSettings settings) =>
        settings.Kind switch
        {
            OptimizerKind.Sgd => new Sgd(groups, settings),
            OptimizerKind.Lars => new Lars(groups, settings),
            OptimizerKind.AdamW => new AdamW(groups, settings),
            _ => throw new NotSupportedException($"Optimizer {settings.Kind} is not implemented."),
        };
}
