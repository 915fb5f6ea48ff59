namespace Ssl.Training.Tests.Support;

/// <summary>Building a method seeds LibTorch's process-wide generator and draws its initial weights from it; a test
/// in another class building any module at the same time would draw from the same stream, and the "same seed, same
/// losses" tests (exact resume) would fail at random. Tests in this collection run alone, after the parallel
/// ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededTraining
{
    public const string Name = "Seeded training";
}
