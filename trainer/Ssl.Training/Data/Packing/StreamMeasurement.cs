namespace Ssl.Training.Data.Packing;

/// <summary>One epoch streamed from a packed dataset <paramref name="DatasetBytes"/> large through a loader budget
/// of <paramref name="BudgetBytes"/>. <paramref name="PeakInFlightBytes"/> is the loader's own count of shard bytes
/// held; the RSS figures are the process's (null off Linux). <paramref name="PeakIsStreamOnly"/> says whether the
/// RSS peak was reset before streaming (otherwise it includes generating and packing).</summary>
public sealed record StreamMeasurement(long DatasetBytes, long BudgetBytes, long PeakInFlightBytes, int Images,
    double Seconds, long? ResidentBeforeBytes, long? PeakResidentBytes, bool PeakIsStreamOnly)
{
    public long? ResidentGrowthBytes => PeakResidentBytes - ResidentBeforeBytes;
}
