using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The start-up reconciliation wait: strategies see a venue that answers account snapshots as not live until its first
/// complete snapshot has been applied, so nothing is quoted on an inventory or open orders the engine has not learned
/// yet. Bounded: past <see cref="Timeout"/> without one the engine raises the CRITICAL
/// <see cref="TradingEngine.StartupReconcileAlert"/> and stays not-live (fail closed) while it keeps asking. When a
/// venue becomes live (at start or after a reconnection) its books are shown to the strategies again.
/// </summary>
/// <remarks>Runs on the loop only.</remarks>
internal sealed class StartupReconciliation(
    EventLoop loop,
    InstrumentRegistry instruments,
    OrderManager orders,
    VenueLiveness liveness,
    MarketBooks books,
    StrategyRoster strategies,
    AlertCenter alerts,
    EngineNotes notes,
    Func<bool> shuttingDown,
    TimeSpan timeout)
{
    /// <summary>How long a venue may take to answer its first complete reconciliation before the CRITICAL alert.</summary>
    public TimeSpan Timeout => timeout;

    /// <summary>The venues have started (on the loop): each one that reconciles waits for its first snapshot.</summary>
    public void Begin()
    {
        bool any = false;
        foreach (string venue in orders.ReconcilingVenues)
        {
            liveness.AwaitFirstReconciliation(venue);
            any = true;
        }

        if (any) loop.ScheduleTimer(timeout, TimeSpan.Zero, TradingEngine.TimerStartupReconcile);
    }

    /// <summary>The deadline passed: every venue still waiting is alerted (CRITICAL, once) and asked again.</summary>
    public void OnDeadline()
    {
        if (shuttingDown()) return;
        var waiting = orders.ReconcilingVenues.Where(liveness.IsStarting).ToList();
        if (waiting.Count == 0) return;
        string seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        foreach (string venue in waiting)
        {
            if (alerts.IsActive(TradingEngine.StartupReconcileAlert, venue)) continue;
            notes.Note(TradingEngine.StartupReconcileAlert, ("venue", venue), ("timeout_seconds", seconds));
            alerts.Raise(TradingEngine.StartupReconcileAlert, AlertSeverity.Critical,
                $"{venue}: no complete account snapshot within {seconds} s of start: not quoting there (positions and open orders unknown); reconciliation retried",
                venue);
        }

        orders.RequestReconciliation();
        loop.ScheduleTimer(timeout, TimeSpan.Zero, TradingEngine.TimerStartupReconcile);
    }

    /// <summary>
    /// A snapshot (or a failed query) came for a venue still waiting for its first one: an incomplete answer is asked
    /// again soon rather than at the next periodic reconciliation.
    /// </summary>
    public void RetryIfStarting(string venue)
    {
        if (liveness.IsStarting(venue) && !shuttingDown()) orders.RequestReconciliationSoon();
    }

    /// <summary>
    /// A snapshot has been applied by the order manager; <paramref name="starting"/> says whether its venue was still
    /// waiting for its first one before it. A complete one may make the venue live.
    /// </summary>
    public void OnSnapshotApplied(AccountSnapshot snapshot, bool starting)
    {
        if (!snapshot.Complete)
        {
            if (starting) RetryIfStarting(snapshot.Venue);
            return;
        }

        if (!liveness.OnReconciled(snapshot)) return;
        // The start (or the reconnection, or restored session) is confirmed: what the venue holds is known locally.
        notes.Note("venue_status", ("venue", snapshot.Venue), ("state", "Live"), ("venue_text", starting ? "reconciled at start" : "reconciled after reconnection"));
        alerts.Clear("orders_presumed_cancelled", snapshot.Venue);
        if (starting) alerts.Clear(TradingEngine.StartupReconcileAlert, snapshot.Venue);
        if (liveness.IsLive(snapshot.Venue)) ReplayBooks(snapshot.Venue);
    }

    /// <summary>
    /// A venue became live (its first reconciliation, or the one after a reconnection): each of its live books is shown
    /// to the strategies again, as if its last message had just come. A still book brings no new event, and the quotes
    /// or opportunities a strategy passed over while the venue was not live would otherwise wait for one.
    /// </summary>
    private void ReplayBooks(string venue)
    {
        for (int i = 0; i < books.Count; i++)
        {
            var instrument = instruments[i];
            if (!string.Equals(instrument.Id.Venue, venue, StringComparison.Ordinal) || books[i].IsStale) continue;
            strategies.OnBook(instrument, books[i]);
        }
    }
}
