using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// Sends arbitrage baskets all-or-nothing and never leaves a leg unhedged. The entry legs pass the risk gate as one
/// basket (<see cref="BasketEntry"/>: one denied leg sends none) and leave together — one batch request where the
/// venue has one — as FOK (or FAK) limit orders. Leg states come from the order manager's callbacks; a leg without a
/// final answer by the leg timeout is cancelled and counted as timed out. When the legs disagree,
/// <see cref="BasketRepair"/> completes or unwinds the excess and this repeats until every leg holds the same size.
/// Still unhedged at the unwind deadline: a WARNING <c>arb_unhedged</c> (key = market) and repairs turn aggressive;
/// at the give-up deadline the alert turns CRITICAL and the gate is asked for REDUCING (<see cref="UnhedgedEpisodes"/>).
/// The market then gets no new basket for <see cref="BasketExecutorOptions.UnhedgedQuarantine"/>. Fills and outcomes
/// are booked by <see cref="BasketAccounting"/>; every attempt, decision and outcome is journaled (<see cref="BasketJournal"/>).
/// </summary>
/// <remarks>
/// Only the <em>excess</em> over the basket's smallest leg is repaired: the sets already complete are worth $1 and
/// are kept, so an unwind leaves complete sets or nothing — and each unwind order genuinely shrinks a position, which
/// is what lets the gate pass it with REDUCING semantics. Runs on the event loop only.
/// </remarks>
public sealed class BasketExecutor
{
    /// <summary>Timer purpose: leg timeout.</summary>
    public const int TimerLegTimeout = BasketTimers.LegTimeout;

    /// <summary>Timer purpose: unwind deadline.</summary>
    public const int TimerUnwindDeadline = BasketTimers.UnwindDeadline;

    /// <summary>Timer purpose: retry a repair.</summary>
    public const int TimerRetry = BasketTimers.Retry;

    /// <summary>Timer purpose: give-up deadline (CRITICAL, REDUCING).</summary>
    public const int TimerGiveUp = BasketTimers.GiveUp;

    /// <summary>Timer purpose: the completion patience window is over (<see cref="CompletionPatience"/>).</summary>
    public const int TimerPatienceOver = BasketTimers.PatienceOver;

    /// <summary>Alert code of a market whose basket is still unhedged at its unwind deadline (CRITICAL at the give-up deadline).</summary>
    public const string AlertUnhedged = "arb_unhedged";

    /// <summary>Alert code of the success rate.</summary>
    public const string AlertSuccessRate = "arb_success_rate";

    /// <summary>Alert code of the emergency unwind rate.</summary>
    public const string AlertUnwindRate = "arb_unwind_rate";

    private const string PastDeadline = "past the unwind deadline; unwinding aggressively";

    private readonly IStrategyContext _ctx;
    private readonly string _tag;
    private readonly BasketRegistry _registry = new();
    private readonly BasketJournal _journal;
    private readonly BasketTimers _timers;
    private readonly BasketEntry _entry;
    private readonly BasketRepair _repair;
    private readonly BasketAccounting _accounting;
    private readonly UnhedgedEpisodes _episodes;
    private readonly ArbHealthAlerts _health;
    // Runs whose completion waits for its price: each book change of one of their legs decides again.
    private readonly List<BasketRun> _awaitingPrice = [];
    private long _nextSequence;

    /// <summary>Creates the executor acting through <paramref name="context"/>.</summary>
    public BasketExecutor(IStrategyContext context, BasketExecutorOptions options, ArbMetrics metrics, string tag = "arb")
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _tag = tag;
        if (options.LegTimeInForce is not (TimeInForce.Fok or TimeInForce.Fak))
            throw new ArgumentException("basket legs are FOK or FAK", nameof(options));
        _journal = new BasketJournal(context, options.LegTimeInForce);
        _timers = new BasketTimers(context, options);
        _entry = new BasketEntry(context, options, _journal);
        _repair = new BasketRepair(context, options, _registry, _timers, _journal);
        _accounting = new BasketAccounting(metrics);
        _episodes = new UnhedgedEpisodes(context, options, _registry, _journal);
        _health = new ArbHealthAlerts(context, metrics);
    }

    /// <summary>The options.</summary>
    public BasketExecutorOptions Options { get; }

    /// <summary>The metrics every outcome is recorded in.</summary>
    public ArbMetrics Metrics { get; }

    /// <summary>Baskets in flight.</summary>
    public IReadOnlyCollection<BasketRun> InFlight => _registry.InFlight;

    /// <summary>Finished baskets (most recent last).</summary>
    public IReadOnlyList<BasketRun> Finished => _registry.Finished;

    /// <summary>Legs of baskets in flight holding more than their basket's complete sets.</summary>
    public int UnhedgedLegs => _registry.SumInFlight(static r => r.UnhedgedLegs);

    /// <summary>Legs of baskets in flight left with dust below the venue's minimum size (see <see cref="BasketRun.DustLegs"/>).</summary>
    public int DustLegs => _registry.SumInFlight(static r => r.DustLegs);

    /// <summary>
    /// True while a basket with this id (market or neg-risk event) is in flight, or its market is quarantined after a
    /// basket stayed unhedged past the unwind deadline (<see cref="BasketExecutorOptions.UnhedgedQuarantine"/>).
    /// </summary>
    public bool IsBusy(string basketId) => _registry.IsInFlight(basketId) || IsQuarantined(basketId);

    /// <summary>True while no new basket may be opened on <paramref name="basketId"/> after an unhedged episode.</summary>
    public bool IsQuarantined(string basketId) => _episodes.IsQuarantined(basketId);

    /// <summary>
    /// Sends the legs of <paramref name="opportunity"/> as one basket. Returns the run, or null when the basket is
    /// already in flight or the risk gate denied it (then no leg was sent). <paramref name="opportunity"/> is detached here.
    /// </summary>
    public BasketRun? Execute(ArbBasket basket, in ArbOpportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(basket);
        if (IsBusy(basket.Id) || opportunity.Actionability != ArbActionability.Actionable) return null;
        long seq = ++_nextSequence;
        Span<ClientOrderId> ids = stackalloc ClientOrderId[opportunity.Legs.Length];
        if (!_entry.Send(basket, opportunity, "arb-" + seq.ToString(CultureInfo.InvariantCulture), ids)) return null;

        // The legs are with the venue now; the bookkeeping below (run state, timers, journal) follows them.
        long now = Now;
        var run = new BasketRun(seq, basket, opportunity.Detach(), opportunity.DetectedAtTicks == 0 ? now : opportunity.DetectedAtTicks);
        _registry.Open(run, ids);
        Metrics.RecordAttempt();
        _timers.StartEntry(run, now);
        _journal.Attempt(run);
        return run;
    }

    /// <summary>Routes an order change (status or fill) of one of the executor's orders; others are ignored.</summary>
    public void OnOrderChanged(IOrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!_registry.TryGetOrder(order.Id, out var run, out int leg)) return;
        if (run.EntryIds[leg] == order.Id && !run.Answered[leg] && (order.IsAcknowledged || order.Status.IsFinal()))
        {
            run.Answered[leg] = true;
            if (--run.Unanswered == 0) run.LastAckTicks = Now;
        }

        if (run.EntryIds[leg] == order.Id && !run.EntryFinal[leg] && order.Status.IsFinal())
        {
            // The measured kill rate prices the unwind risk into the profit the scanner requires.
            run.EntryFinal[leg] = true;
            Metrics.RecordEntryLeg(killed: order.FilledSize < order.Request.Size);
        }

        Advance(run);
    }

    /// <summary>Applies a fill of one of the executor's orders to its basket's legs.</summary>
    public void OnFill(IOrderView? order, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (!_registry.TryGetOrder(fill.OrderId, out var run, out int leg)) return;
        BasketAccounting.ApplyFill(run, leg, fill);
        _journal.Fill(run, leg, fill);
        if (run.Outcome != BasketOutcome.InFlight)
        {
            // A late fill after the basket was closed (a cancelled leg that traded after all): reopen and repair.
            Reopen(run);
        }

        // Fills of live orders are followed by their order change; fills of orders no longer tracked are not.
        if (order is null) Advance(run);
    }

    /// <summary>
    /// A book of <paramref name="instrument"/> changed: a basket whose completion waits for its price on one of its legs
    /// decides again on it (<see cref="CompletionPatience"/>).
    /// </summary>
    public void OnLegBook(Core.Instruments.Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        for (int i = _awaitingPrice.Count - 1; i >= 0; i--)
        {
            if (i >= _awaitingPrice.Count) continue; // a run finished while another was advanced
            var run = _awaitingPrice[i];
            if (Array.IndexOf(run.Legs, instrument) >= 0) Advance(run);
        }
    }

    /// <summary>Handles the executor's timers (purposes <see cref="TimerLegTimeout"/>..<see cref="TimerPatienceOver"/>).</summary>
    public void OnTimer(in TimerEvent timer)
    {
        if (!_registry.TryGetRun(timer.Payload, out var run) || run.Outcome != BasketOutcome.InFlight) return;
        switch (timer.Purpose)
        {
            case TimerLegTimeout:
                TimeOutLegs(run);
                break;
            case TimerUnwindDeadline:
                run.DeadlinePassed = true;
                if (run.UnhedgedLegs > 0) _episodes.Raise(run, AlertSeverity.Warning, PastDeadline, Now);
                break;
            case TimerGiveUp:
                if (run.UnhedgedLegs > 0) _episodes.GiveUp(run, Now);
                break;
            case TimerRetry:
                run.RetryPending = false;
                run.FillCountAtRepair = -1; // the pause is over: the next repair may go
                break;
            case TimerPatienceOver:
                break; // the next decision finds the window over and completes or unwinds as the policy says
            default:
                return;
        }

        Advance(run);
    }

    /// <summary>Maps the metrics' health onto the engine's alerts (<see cref="AlertSuccessRate"/>, <see cref="AlertUnwindRate"/>).</summary>
    public void PublishHealth() => _health.Publish();

    private long Now => _ctx.Time.GetUtcNow().UtcTicks;

    private void TimeOutLegs(BasketRun run)
    {
        long cutoff = Now - Options.LegTimeout.Ticks;
        // A copy: the cancel below is reported back (OnOrderChanged) before it returns.
        foreach (var id in run.Active.ToArray())
        {
            var o = _ctx.FindOrder(id);
            if (o is null || o.Status.IsFinal() || run.TimedOut.Contains(id)) continue;
            if (o.CreatedAt.UtcTicks > cutoff) continue;
            run.TimedOut.Add(id);
            _ctx.Cancel(id);
            _journal.LegTimeout(run, id, _registry.LegOf(id), o.FilledSize);
        }

        if (run.Active.Count > run.TimedOut.Count) _timers.ScheduleLegTimeout(run);
    }

    /// <summary>Moves a basket on: waits while a leg works, closes it when hedged, repairs it otherwise.</summary>
    private void Advance(BasketRun run)
    {
        if (run.Outcome != BasketOutcome.InFlight) return;
        // Orders that are final (or timed out and cancelled) no longer hold the basket up; a timed-out order stays
        // in the order map, so a fill that still arrives for it is applied and repaired.
        for (int i = run.Active.Count - 1; i >= 0; i--)
            if (_ctx.FindOrder(run.Active[i]) is not { } o || o.Status.IsFinal()) run.Active.RemoveAt(i);
        foreach (var id in run.Active)
            if (!run.TimedOut.Contains(id)) return;

        if (run.IsHedged)
        {
            // Every leg holds the same size. A cancelled-but-unconfirmed order may still trade: its fill reopens the run.
            Finish(run);
            return;
        }

        if (run.RetryPending) return;
        if (run.Repairs > 0 && run.FillCount == run.FillCountAtRepair)
        {
            // The last repair traded nothing (rejected, killed): pause before the next one instead of hammering the venue.
            _timers.ScheduleRetry(run);
            return;
        }

        // Unhedged again after the deadline (a repair traded, a late fill): the market's episode is (still) on.
        if (run.DeadlinePassed && !run.Alerted && run.UnhedgedLegs > 0) _episodes.Raise(run, AlertSeverity.Warning, PastDeadline, Now);
        switch (_repair.Repair(run))
        {
            case RepairStep.OnlyDust:
                Finish(run);
                break;
            case RepairStep.AwaitingPrice:
                if (!_awaitingPrice.Contains(run)) _awaitingPrice.Add(run);
                break;
            default:
                _awaitingPrice.Remove(run);
                break;
        }
    }

    private void Reopen(BasketRun run)
    {
        if (_registry.TryGetInFlight(run.Basket.Id, out var other) && !ReferenceEquals(other, run))
        {
            // Another basket of the same market is in flight; the late fill is still repaired by this run.
            _journal.ReopenedAlongside(run, other);
        }

        run.Outcome = BasketOutcome.InFlight;
        _registry.Reopen(run);
        _journal.Reopened(run);
        _timers.StartReopened(run, Now);
    }

    private void Finish(BasketRun run)
    {
        _awaitingPrice.Remove(run);
        run.AwaitingPrice = false;
        var (sets, cash, pnl, latency) = _accounting.Close(run, Now);
        BasketTimers.StopAll(run);
        _registry.Close(run);
        if (run.Alerted) _episodes.End(run, Now);
        _journal.Outcome(run, sets, cash, pnl, latency);
        _health.Publish();
    }
}
