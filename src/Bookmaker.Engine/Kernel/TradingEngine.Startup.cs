using System.Globalization;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The start-up reconciliation wait: strategies see a venue that answers account snapshots as not live until its first
/// complete snapshot has been applied, so nothing is quoted on an inventory or open orders the engine has not learned
/// yet. Bounded: past <see cref="StartupReconcileTimeout"/> without one the engine raises the CRITICAL
/// <c>startup_reconcile_timeout</c> and stays not-live (fail closed) while it keeps asking.
/// </summary>
public sealed partial class TradingEngine
{
    /// <summary>Timer purpose of the start-up reconciliation deadline.</summary>
    public const int TimerStartupReconcile = 2;

    /// <summary>Alert code of a venue whose first complete account snapshot did not come in time (key: the venue).</summary>
    public const string StartupReconcileAlert = "startup_reconcile_timeout";

    /// <summary>How long a venue may take to answer its first complete reconciliation before the CRITICAL alert.</summary>
    public TimeSpan StartupReconcileTimeout { get; }

    /// <summary>The venues have started (on the loop): each one that reconciles waits for its first snapshot.</summary>
    private void BeginStartupReconciliation()
    {
        bool any = false;
        foreach (string venue in Orders.ReconcilingVenues)
        {
            _liveness.AwaitFirstReconciliation(venue);
            any = true;
        }

        if (any) Loop.ScheduleTimer(StartupReconcileTimeout, TimeSpan.Zero, TimerStartupReconcile);
    }

    /// <summary>The deadline passed: every venue still waiting is alerted (CRITICAL, once) and asked again.</summary>
    private void OnStartupReconcileDeadline()
    {
        if (_shuttingDown) return;
        var waiting = Orders.ReconcilingVenues.Where(_liveness.IsStarting).ToList();
        if (waiting.Count == 0) return;
        string seconds = StartupReconcileTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        foreach (string venue in waiting)
        {
            if (Alerts.IsActive(StartupReconcileAlert, venue)) continue;
            Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null,
                _payload.Text(StartupReconcileAlert, ("venue", venue), ("timeout_seconds", seconds))));
            Alerts.Raise(StartupReconcileAlert, AlertSeverity.Critical,
                $"{venue}: no complete account snapshot within {seconds} s of start: not quoting there (positions and open orders unknown); reconciliation retried",
                venue);
        }

        Orders.RequestReconciliation();
        Loop.ScheduleTimer(StartupReconcileTimeout, TimeSpan.Zero, TimerStartupReconcile);
    }

    /// <summary>
    /// A snapshot arrived for a venue still waiting for its first one: an incomplete answer, or a failed query, is
    /// asked again soon rather than at the next periodic reconciliation.
    /// </summary>
    private void RetryStartupReconciliation(string venue)
    {
        if (_liveness.IsStarting(venue) && !_shuttingDown) Orders.RequestReconciliationSoon();
    }

    /// <summary>
    /// A venue became live (its first reconciliation, or the one after a reconnection): each of its live books is shown
    /// to the strategies again, as if its last message had just come. A still book brings no new event, and the quotes
    /// or opportunities a strategy passed over while the venue was not live would otherwise wait for one.
    /// </summary>
    private void ReplayBooks(string venue)
    {
        for (int i = 0; i < _books.Length; i++)
        {
            var instrument = Instruments[i];
            if (!string.Equals(instrument.Id.Venue, venue, StringComparison.Ordinal) || _books[i].IsStale) continue;
            _strategies.OnBook(instrument, _books[i]);
        }
    }

    private void OnReconciledVenue(AccountSnapshot snapshot, bool starting)
    {
        if (!snapshot.Complete)
        {
            if (starting) RetryStartupReconciliation(snapshot.Venue);
            return;
        }

        if (!_liveness.OnReconciled(snapshot)) return;
        // The start (or the reconnection, or restored session) is confirmed: what the venue holds is known locally.
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null,
            _payload.Text("venue_status", ("venue", snapshot.Venue), ("state", "Live"), ("venue_text", starting ? "reconciled at start" : "reconciled after reconnection"))));
        Alerts.Clear("orders_presumed_cancelled", snapshot.Venue);
        if (starting) Alerts.Clear(StartupReconcileAlert, snapshot.Venue);
        if (_liveness.IsLive(snapshot.Venue)) ReplayBooks(snapshot.Venue);
    }
}
