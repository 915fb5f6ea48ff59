using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>The three disjoint parts of the generated samples: SSL training, the regression's fit split and its test
/// split. <see cref="Probe"/> reports, for an encoder's frozen features (or the raw x), the held-out R^2 to z and to
/// c(q), each the mean over the two views.</summary>
public sealed class ProbeSplit(MultiviewData data, int train, int fit, int test) : IDisposable
{
    readonly MultiviewData data = data;
    readonly (int Start, int Count) fitRows = (train, fit);
    readonly (int Start, int Count) testRows = (train + fit, test);

    public Tensor TrainFirst { get; } = data.X1.narrow(0, 0, train);
    public Tensor TrainSecond { get; } = data.X2.narrow(0, 0, train);

    /// <summary>(R^2(z), R^2(c)) of the representation <paramref name="features"/> computes (its modules in eval
    /// mode), or of x itself when it is null.</summary>
    public (double Shared, double Private) Probe(Func<Tensor, Tensor>? features, Device device)
    {
        using var scope = NewDisposeScope();
        var first = Scores(data.X1, data.C1, features, device);
        var second = Scores(data.X2, data.C2, features, device);
        return ((first[0] + second[0]) / 2, (first[1] + second[1]) / 2);
    }

    double[] Scores(Tensor x, Tensor c, Func<Tensor, Tensor>? features, Device device)
    {
        var fitFeatures = Features(Rows(x, fitRows), features, device);
        var testFeatures = Features(Rows(x, testRows), features, device);
        return NonlinearRegression.HeldOutR2(fitFeatures, testFeatures,
            (Rows(data.Z, fitRows), Rows(data.Z, testRows)), (Rows(c, fitRows), Rows(c, testRows)));
    }

    static Tensor Rows(Tensor t, (int Start, int Count) rows) => t.narrow(0, rows.Start, rows.Count);

    static Tensor Features(Tensor x, Func<Tensor, Tensor>? features, Device device)
    {
        if (features is null) return x;
        using var noGrad = no_grad();
        return features(x.to(device)).cpu();
    }

    public void Dispose()
    {
        TrainFirst.Dispose();
        TrainSecond.Dispose();
    }
}
