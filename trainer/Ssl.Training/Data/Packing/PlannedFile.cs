namespace Ssl.Training.Data.Packing;

/// <summary>One file of a <see cref="PackPlan"/>: its path relative to the source, label (-1: none) and
/// split.</summary>
public sealed record PlannedFile(string Path, int Label, bool IsTest);
