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

    /// <summary>Internal: the venues have started — cancel leftovers if the engine starts HALTED, then reconcile.</summary>
    Started,

    /// <summary>Internal: something off the loop found a fault (journal writer, disk, clock): fail closed.</summary>
    FailClosed,

    /// <summary>Internal: raise (or, with <see cref="Alerts.AlertSeverity.Info"/>, clear) an alert found off the loop.</summary>
    Alert,

    /// <summary>An operator acknowledged an active alert (<see cref="OperatorCommand.AlertCode"/>, <see cref="OperatorCommand.AlertKey"/>): it stays active until its cause clears.</summary>
    AcknowledgeAlert,
}

/// <summary>An operator command with who issued it, for the journal.</summary>
/// <param name="Kind">The command.</param>
/// <param name="Actor">Who asked (user name, "kill-switch-file", "signal:SIGINT").</param>
/// <param name="Text">Free text.</param>
public sealed record OperatorCommand(OperatorCommandKind Kind, string Actor, string? Text = null)
{
    /// <summary>For <see cref="OperatorCommandKind.FailClosed"/>: what failed.</summary>
    public Faults.EngineFault? Fault { get; init; }

    /// <summary>For <see cref="OperatorCommandKind.Alert"/> and <see cref="OperatorCommandKind.AcknowledgeAlert"/>: the alert code (and <see cref="AlertKey"/>, <see cref="AlertSeverity"/>).</summary>
    public string? AlertCode { get; init; }

    /// <summary>For <see cref="OperatorCommandKind.Alert"/>: the alert's scope.</summary>
    public string AlertKey { get; init; } = "";

    /// <summary>For <see cref="OperatorCommandKind.Alert"/>: severity; <see cref="Alerts.AlertSeverity.Info"/> clears the alert.</summary>
    public Alerts.AlertSeverity AlertSeverity { get; init; }

    /// <summary>Called on the loop once the command took effect, with the engine's answer (the operator channel confirms with it).</summary>
    public Action<OperatorCommandResult>? Completed { get; init; }

    /// <summary>True for the kinds an operator issues (journaled as <c>OperatorCommand</c>); internal kinds are not.</summary>
    public bool IsOperatorAction => Kind is OperatorCommandKind.Halt or OperatorCommandKind.Resume or OperatorCommandKind.ResetBreach
        or OperatorCommandKind.CancelAll or OperatorCommandKind.Shutdown or OperatorCommandKind.AcknowledgeAlert;
}

/// <summary>What the engine answered to an operator command, once it took effect.</summary>
/// <param name="Applied">True when the command did what it asks (false: refused, with <paramref name="Detail"/> saying why).</param>
/// <param name="State">The trading state right after (ACTIVE, REDUCING, HALTED).</param>
/// <param name="OpenOrders">Orders still open at that moment (being cancelled after a halt).</param>
/// <param name="AtTicks">Engine time (UTC ticks) when it took effect.</param>
/// <param name="Detail">One line for the operator.</param>
public sealed record OperatorCommandResult(bool Applied, string State, int OpenOrders, long AtTicks, string Detail);

/// <summary>
/// A timer that fired. Timers are created through <see cref="EventLoop.ScheduleTimer"/> and delivered as events, so
/// their handlers run on the loop like everything else.
/// </summary>
/// <param name="TimerId">Id returned when the timer was scheduled.</param>
/// <param name="Purpose">What it is for (a small integer the owner defines).</param>
/// <param name="Payload">Owner-defined value (an instrument index, an order sequence...).</param>
/// <param name="DueTicks">When it was due, engine clock UTC ticks.</param>
public readonly record struct TimerEvent(long TimerId, int Purpose, long Payload, long DueTicks);
