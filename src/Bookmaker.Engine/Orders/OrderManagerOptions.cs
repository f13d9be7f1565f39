namespace Bookmaker.Engine.Orders;

/// <summary>Tunables of the order manager (section <c>Orders</c>).</summary>
public sealed record OrderManagerOptions
{
    /// <summary>How long finished orders stay in the cache that applies late updates to them.</summary>
    public TimeSpan FinishedOrderTtl { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>"Order not found" answers after which a live order is given up as failed.</summary>
    public int NotFoundThreshold { get; init; } = 3;

    /// <summary>Periodic reconciliation interval (also run at start and after every reconnect).</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Orders younger than this at snapshot time are not judged absent (their request may still be in flight).</summary>
    public TimeSpan ReconcileGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often a freeze re-sends cancels for what is still open.</summary>
    public TimeSpan FreezeRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After a freeze, an order still open this long raises a CRITICAL alert (and the engine stays HALTED).</summary>
    public TimeSpan CancelAllDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fill slippage (bps, adverse) beyond which a warning is raised.</summary>
    public int SlippageWarnBps { get; init; } = 50;
}
