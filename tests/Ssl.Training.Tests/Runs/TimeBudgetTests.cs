using Ssl.Training.Runs;

namespace Ssl.Training.Tests.Runs;

public class TimeBudgetTests
{
    [Fact]
    public void A_budget_plans_the_most_whole_epochs_whose_steps_fit_in_its_step_share()
    {
        // 10 minutes, 0.5 s per step, 39 steps per epoch: 19.5 s an epoch; 90% of 600 s holds 27.7 epochs.
        var plan = TimeBudget.Plan(10, 0.5, 39);

        Assert.Equal(27, plan.Epochs);
        Assert.InRange(plan.PlannedSeconds, 0.95 * 600, 600);
    }

    [Fact]
    public void Twice_the_step_time_plans_half_the_epochs()
    {
        var fast = TimeBudget.Plan(30, 0.1, 100);
        var slow = TimeBudget.Plan(30, 0.2, 100);

        Assert.Equal(162, fast.Epochs);
        Assert.Equal(81, slow.Epochs);
    }

    [Fact]
    public void A_budget_shorter_than_one_epoch_still_trains_one_and_the_cap_holds()
    {
        Assert.Equal(1, TimeBudget.Plan(0.1, 1, 1000).Epochs);
        Assert.Equal(50, TimeBudget.Plan(600, 0.01, 10, maxEpochs: 50).Epochs);
    }

    [Fact]
    public void A_budget_or_step_time_that_is_not_positive_is_refused_naming_it()
    {
        Assert.Contains("minutes", Assert.Throws<ArgumentException>(() => TimeBudget.Plan(0, 1, 10)).Message);
        Assert.Contains("seconds per step",
            Assert.Throws<ArgumentException>(() => TimeBudget.Plan(1, double.NaN, 10)).Message);
    }

    [Fact]
    public void The_summary_sets_the_plan_against_the_time_taken()
    {
        var plan = TimeBudget.Plan(10, 0.5, 39);

        Assert.Equal("time budget 10 min: planned 27 epochs at 0.500 s per step, 585 s of training; it took 612 s",
            plan.Summary(10, 612.3));
    }
}
