using Ssl.Training.Optimization;

namespace Ssl.Training.Tests.Optimization;

public class LearningRateScheduleTests
{
    [Fact]
    public void Warm_up_rises_linearly_to_the_base_rate()
    {
        var s = new LearningRateSchedule(1.0, WarmupSteps: 10, TotalSteps: 110);
        Assert.Equal(0.1, s.At(0), 12);
        Assert.Equal(0.5, s.At(4), 12);
        Assert.Equal(1.0, s.At(9), 12);
    }

    [Fact]
    public void Cosine_decays_from_the_base_rate_to_the_final_fraction()
    {
        var s = new LearningRateSchedule(2.0, WarmupSteps: 0, TotalSteps: 100, FinalFraction: 0.1);
        Assert.Equal(2.0, s.At(0), 12);
        Assert.Equal(0.2 + 1.8 * 0.5, s.At(50), 12); // half-way: the middle of the cosine
        Assert.Equal(0.2, s.At(100), 12);
        Assert.True(s.At(30) > s.At(31));
    }
}
