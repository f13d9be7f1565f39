namespace Bookmaker.Engine.Kernel;

/// <summary>What an operator asked for. Commands jump the queue: they are processed before any other pending event.</summary>
public enum OperatorCommandKind : byte
{
    /// <summary>Stop trading now: HALTED, cancel everything.</summary>
    Halt,

    /// <summary>Lift a manual halt (never a loss-limit breach; that needs <see cref="ResetBreach"/>).</summary>
    Resume,

    /// <summary>Acknowledge and clear a daily-loss breach (the <c>risk reset --confirm</c> command).</summary>
    ResetBreach,

    /// <summary>Cancel every open order without changing the trading state.</summary>
    CancelAll,

    /// <summary>Graceful shutdown: cancel all, flush, stop the loop.</summary>
    Shutdown,
}

/// <summary>An operator command with who issued it, for the journal.</summary>
/// <param name="Kind">The command.</param>
/// <param name="Actor">Who asked (user name, "kill-switch-file", "signal:SIGINT").</param>
/// <param name="Text">Free text.</param>
public sealed record OperatorCommand(OperatorCommandKind Kind, string Actor, string? Text = null);

/// <summary>
/// A timer that fired. Timers are created through <see cref="EventLoop.ScheduleTimer"/> and delivered as events, so
/// their handlers run on the loop like everything else.
/// </summary>
/// <param name="TimerId">Id returned when the timer was scheduled.</param>
/// <param name="Purpose">What it is for (a small integer the owner defines).</param>
/// <param name="Payload">Owner-defined value (an instrument index, an order sequence...).</param>
/// <param name="DueTicks">When it was due, engine clock UTC ticks.</param>
public readonly record struct TimerEvent(long TimerId, int Purpose, long Payload, long DueTicks);
