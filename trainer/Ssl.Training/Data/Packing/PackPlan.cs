namespace Ssl.Training.Data.Packing;

/// <summary>What an image-folder pack decodes, fixed once its source is validated: the files in the order they are
/// decoded (train first, then test; within each the seeded shuffle), their labels, the class names and what
/// validation left out. With a <see cref="PackProgress"/> it lets a pack continue without the files before the
/// progress's position.</summary>
public sealed record PackPlan(string SourceHash, IReadOnlyList<string> ClassNames, IReadOnlyList<PlannedFile> Files,
    IReadOnlyList<RejectedFile> Rejected);
