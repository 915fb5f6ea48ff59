using System.Text.RegularExpressions;

namespace Ssl.Cloud.Core.Submission;

/// <summary>The dataset ids that name no upload but data the worker makes or has: <c>builtin</c> (synthetic shapes,
/// no download), <c>builtin-TRAIN</c> and <c>builtin-TRAIN-TEST</c> (its image counts, the <c>builtin:TRAIN,TEST</c>
/// of <c>ssl train</c> spelt as an identifier), and <c>fashion-mnist</c>, which only a machine with its files has
/// (the trainer image does not ship them). The worker's <c>DatasetResolver</c> maps these to the trainer's specs;
/// a test ties the names to <c>DatasetCatalog</c>'s.</summary>
public static partial class BuiltinDatasets
{
    public const string Synthetic = "builtin";
    public const string FashionMnist = "fashion-mnist";

    /// <summary>Train and test counts of a synthetic id: (null, null) for plain <c>builtin</c>; false when
    /// <paramref name="datasetId"/> is not a synthetic id.</summary>
    public static bool TryParseSynthetic(string datasetId, out int? train, out int? test)
    {
        (train, test) = (null, null);
        if (datasetId == Synthetic) return true;
        var match = SyntheticCounts().Match(datasetId);
        if (!match.Success) return false;
        train = int.Parse(match.Groups["train"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (match.Groups["test"].Success)
            test = int.Parse(match.Groups["test"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"^builtin-(?<train>[0-9]{1,7})(-(?<test>[0-9]{1,7}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex SyntheticCounts();
}
