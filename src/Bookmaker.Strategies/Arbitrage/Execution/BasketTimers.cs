using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// A basket's timers on the engine clock, each carrying the run's sequence: the leg timeout after every send, the
/// unwind deadline and the give-up deadline counted from detection, and the pause before a repair is retried.
/// </summary>
internal sealed class BasketTimers(IStrategyContext ctx, BasketExecutorOptions options)
{
    /// <summary>Timer purpose: leg timeout.</summary>
    public const int LegTimeout = 1;

    /// <summary>Timer purpose: unwind deadline.</summary>
    public const int UnwindDeadline = 2;

    /// <summary>Timer purpose: retry a repair.</summary>
    public const int Retry = 3;

    /// <summary>Timer purpose: give-up deadline (CRITICAL, REDUCING).</summary>
    public const int GiveUp = 4;

    /// <summary>Timer purpose: the completion patience window is over.</summary>
    public const int PatienceOver = 5;

    /// <summary>The timers of a basket whose entry legs just left.</summary>
    public void StartEntry(BasketRun run, long now)
    {
        ScheduleLegTimeout(run);
        var untilDeadline = TimeSpan.FromTicks(Math.Max(0, run.DetectedTicks + options.UnwindTimeout.Ticks - now));
        run.Timers.Add(ctx.ScheduleTimer(untilDeadline, TimeSpan.Zero, UnwindDeadline, run.Sequence));
        var untilGiveUp = TimeSpan.FromTicks(Math.Max(0, run.DetectedTicks + options.GiveUpTimeout.Ticks - now));
        run.Timers.Add(ctx.ScheduleTimer(untilGiveUp, TimeSpan.Zero, GiveUp, run.Sequence));
    }

    /// <summary>
    /// The deadlines of a basket reopened by a late fill: the unwind deadline as before, and the give-up deadline no
    /// sooner than the repair window after the deadline, however late the fill came.
    /// </summary>
    public void StartReopened(BasketRun run, long now)
    {
        var untilDeadline = TimeSpan.FromTicks(Math.Max(0, run.DetectedTicks + options.UnwindTimeout.Ticks - now));
        run.Timers.Add(ctx.ScheduleTimer(untilDeadline, TimeSpan.Zero, UnwindDeadline, run.Sequence));
        long giveUpAt = Math.Max(run.DetectedTicks + options.GiveUpTimeout.Ticks, now + options.GiveUpTimeout.Ticks - options.UnwindTimeout.Ticks);
        run.Timers.Add(ctx.ScheduleTimer(TimeSpan.FromTicks(giveUpAt - now), TimeSpan.Zero, GiveUp, run.Sequence));
    }

    /// <summary>A leg timeout for the orders just sent.</summary>
    public void ScheduleLegTimeout(BasketRun run) =>
        run.Timers.Add(ctx.ScheduleTimer(options.LegTimeout, TimeSpan.Zero, LegTimeout, run.Sequence));

    /// <summary>A retry after <see cref="BasketExecutorOptions.RetryInterval"/>, unless one is pending.</summary>
    public void ScheduleRetry(BasketRun run)
    {
        if (run.RetryPending) return;
        run.RetryPending = true;
        run.Timers.Add(ctx.ScheduleTimer(options.RetryInterval, TimeSpan.Zero, Retry, run.Sequence));
    }

    /// <summary>The end of a completion's wait for its price, <paramref name="after"/> from now.</summary>
    public void SchedulePatienceOver(BasketRun run, TimeSpan after) =>
        run.Timers.Add(ctx.ScheduleTimer(after < TimeSpan.Zero ? TimeSpan.Zero : after, TimeSpan.Zero, PatienceOver, run.Sequence));

    /// <summary>Cancels every timer of a run that ended.</summary>
    public static void StopAll(BasketRun run)
    {
        foreach (var t in run.Timers) t.Dispose();
        run.Timers.Clear();
        run.RetryPending = false;
    }
}
