using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Tests.Contracts;

public sealed class RunStatusTransitionTests
{
    static readonly DateTimeOffset T0 = TestData.Now;

    static RunStatus Training() =>
        RunStatus.Queued("run-1", T0).BeginAttempt("worker-a", T0.AddSeconds(1)).MoveTo(RunState.Training,
            T0.AddSeconds(2));

    [Fact]
    public void A_run_goes_from_queued_through_training_and_evaluation_to_succeeded()
    {
        var done = Training().MoveTo(RunState.Evaluating, T0.AddMinutes(1)).Succeed(T0.AddMinutes(2));

        Assert.Equal(RunState.Succeeded, done.State);
        Assert.True(done.IsTerminal);
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(done.Attempts).Outcome);
        Assert.Equal(T0.AddMinutes(2), done.Attempts[0].EndedAt);
    }

    [Fact]
    public void A_succeeded_run_reports_step_equal_to_total_whatever_its_last_heartbeat_said()
    {
        var beat = new RunProgress { Epoch = 1, Step = 41, TotalSteps = 45, Loss = 0.5, Heartbeat = T0.AddSeconds(30) };

        var done = Training().WithProgress(beat).MoveTo(RunState.Evaluating, T0.AddMinutes(1))
            .Succeed(T0.AddMinutes(2));

        Assert.Equal(45, done.Progress!.Step);
        Assert.Equal(45, done.Progress.TotalSteps);
        Assert.Equal(0.5, done.Progress.Loss);
    }

    [Theory]
    [InlineData(RunState.Queued, RunState.Training)]
    [InlineData(RunState.Queued, RunState.Succeeded)]
    [InlineData(RunState.Preparing, RunState.Evaluating)]
    [InlineData(RunState.Training, RunState.Succeeded)]
    [InlineData(RunState.Evaluating, RunState.Training)]
    public void A_move_that_skips_or_reverses_a_stage_is_refused(RunState from, RunState to)
    {
        var status = RunStatus.Queued("run-1", T0) with { State = from };

        var error = Assert.Throws<InvalidRunTransitionException>(() => status.MoveTo(to, T0));

        Assert.Equal(from, error.From);
        Assert.Equal(to, error.To);
        Assert.Contains($"cannot move from {from} to {to}", error.Message);
    }

    public static TheoryData<RunState, RunState> TerminalMoves()
    {
        var data = new TheoryData<RunState, RunState>();
        foreach (var from in new[] { RunState.Succeeded, RunState.Failed, RunState.Cancelled })
            foreach (var to in Enum.GetValues<RunState>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(TerminalMoves))]
    public void A_finished_run_never_moves_again(RunState from, RunState to)
    {
        Assert.False(RunTransitions.IsAllowed(from, to));
        Assert.Throws<InvalidRunTransitionException>(
            () => (RunStatus.Queued("run-1", T0) with { State = from }).MoveTo(to, T0));
    }

    [Theory]
    [InlineData(RunState.Queued)]
    [InlineData(RunState.Preparing)]
    [InlineData(RunState.Training)]
    [InlineData(RunState.Evaluating)]
    public void Every_live_state_can_fail_or_be_cancelled(RunState from)
    {
        Assert.True(RunTransitions.IsAllowed(from, RunState.Failed));
        Assert.True(RunTransitions.IsAllowed(from, RunState.Cancelled));
    }

    [Fact]
    public void A_new_attempt_after_a_crash_closes_the_open_one_as_lost()
    {
        var resumed = Training().BeginAttempt("worker-b", T0.AddMinutes(5));

        Assert.Equal(RunState.Preparing, resumed.State);
        Assert.Equal(2, resumed.Attempts.Count);
        var (lost, current) = (resumed.Attempts[0], resumed.Attempts[1]);
        Assert.Equal(("worker-a", (AttemptOutcome?)AttemptOutcome.Lost, (DateTimeOffset?)T0.AddMinutes(5)),
            (lost.WorkerId, lost.Outcome, lost.EndedAt));
        Assert.Equal((2, "worker-b", (AttemptOutcome?)null), (current.Number, current.WorkerId, current.Outcome));
        Assert.Same(current, resumed.OpenAttempt);
    }

    [Fact]
    public void Failing_records_the_reason_on_the_run_and_on_the_attempt()
    {
        var failed = Training().Fail("loss became NaN at step 120", T0.AddMinutes(3));

        Assert.Equal(RunState.Failed, failed.State);
        Assert.Equal("loss became NaN at step 120", failed.FailureReason);
        Assert.Equal((AttemptOutcome?)AttemptOutcome.Failed, failed.Attempts[0].Outcome);
        Assert.Equal("loss became NaN at step 120", failed.Attempts[0].Detail);
    }

    [Fact]
    public void A_worker_giving_the_run_back_requeues_it_and_marks_its_attempt_abandoned()
    {
        var requeued = Training().Requeue("host stopping", T0.AddMinutes(3));

        Assert.Equal(RunState.Queued, requeued.State);
        Assert.Equal((AttemptOutcome?)AttemptOutcome.Abandoned, requeued.Attempts[0].Outcome);
        Assert.Null(requeued.OpenAttempt);
    }

    [Fact]
    public void Cancelling_a_queued_run_ends_it_at_once()
    {
        var cancelled = RunStatus.Queued("run-1", T0).RequestCancel(T0.AddSeconds(1));

        Assert.Equal(RunState.Cancelled, cancelled.State);
        Assert.True(cancelled.CancelRequested);
    }

    [Fact]
    public void Cancelling_a_training_run_sets_the_flag_and_leaves_the_state_to_the_worker()
    {
        var flagged = Training().RequestCancel(T0.AddSeconds(9));

        Assert.Equal(RunState.Training, flagged.State);
        Assert.True(flagged.CancelRequested);
        Assert.Equal(RunState.Cancelled, flagged.Cancel(T0.AddSeconds(10)).State);
    }

    [Fact]
    public void Cancelling_a_finished_run_changes_nothing()
    {
        var done = Training().MoveTo(RunState.Evaluating, T0).Succeed(T0);

        Assert.Same(done, done.RequestCancel(T0.AddDays(1)));
    }

    [Fact]
    public void Progress_updates_the_heartbeat_time()
    {
        var status = Training().WithProgress(new RunProgress
        {
            Epoch = 1, Step = 10, TotalSteps = 100, Heartbeat = T0.AddMinutes(7)
        });

        Assert.Equal(T0.AddMinutes(7), status.UpdatedAt);
        Assert.Equal(10, status.Progress!.Step);
    }
}
