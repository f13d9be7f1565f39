using System.Globalization;
using System.Text;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// Sends arbitrage baskets all-or-nothing and never leaves a leg unhedged. The entry legs pass the risk gate as one
/// basket (<see cref="IStrategyContext.SubmitBasket"/>: one denied leg sends none) and leave together — one batch
/// request where the venue has one — as FOK (or FAK) limit orders. Leg states come from the order manager's
/// callbacks; a leg without a final answer by the leg timeout is cancelled and counted as timed out. When the legs
/// disagree the executor asks <see cref="BasketOutcomePolicy.Decide"/> whether completing (buy the short legs, FAK, within
/// the loss cap) or unwinding (trade the excess back, FAK, reduce-only, slippage-capped) is cheaper, sends that
/// through the gate again, and repeats until every leg holds the same size. Still unhedged at the unwind deadline: a
/// WARNING <c>arb_unhedged</c> (key = market) and it keeps trying with the aggressive slippage cap; still unhedged at
/// the give-up deadline: the alert turns CRITICAL and the executor asks the gate for REDUCING (it keeps unwinding).
/// The alert is raised once per market episode and cleared when the market is hedged; the market then gets no new
/// basket for <see cref="BasketExecutorOptions.UnhedgedQuarantine"/>. Every attempt, decision and outcome is journaled
/// through <see cref="IStrategyContext.Note"/>.
/// </summary>
/// <remarks>
/// Only the <em>excess</em> over the basket's smallest leg is repaired: the sets already complete are worth $1 and
/// are kept, so an unwind leaves complete sets or nothing — and each unwind order genuinely shrinks a position, which
/// is what lets the gate pass it with REDUCING semantics. Runs on the event loop only.
/// </remarks>
public sealed class BasketExecutor
{
    /// <summary>Timer purpose: leg timeout.</summary>
    public const int TimerLegTimeout = 1;

    /// <summary>Timer purpose: unwind deadline.</summary>
    public const int TimerUnwindDeadline = 2;

    /// <summary>Timer purpose: retry a repair.</summary>
    public const int TimerRetry = 3;

    /// <summary>Timer purpose: give-up deadline (CRITICAL, REDUCING).</summary>
    public const int TimerGiveUp = 4;

    /// <summary>Alert code of a market whose basket is still unhedged at its unwind deadline (CRITICAL at the give-up deadline).</summary>
    public const string AlertUnhedged = "arb_unhedged";

    /// <summary>Alert code of the success rate.</summary>
    public const string AlertSuccessRate = "arb_success_rate";

    /// <summary>Alert code of the emergency unwind rate.</summary>
    public const string AlertUnwindRate = "arb_unwind_rate";

    private readonly IStrategyContext _ctx;
    private readonly Dictionary<string, BasketRun> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<long, BasketRun> _bySequence = [];
    private readonly Dictionary<ClientOrderId, (BasketRun Run, int Leg)> _orders = [];
    private readonly List<BasketRun> _finished = [];
    private readonly List<OrderRequest> _requests = new(16);
    private readonly HashSet<string> _alerted = new(StringComparer.Ordinal);
    // Markets whose last episode went past the unwind deadline: no new basket until this time (UTC ticks).
    private readonly Dictionary<string, long> _quarantinedUntil = new(StringComparer.Ordinal);
    private readonly string _tag;
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
    }

    /// <summary>The options.</summary>
    public BasketExecutorOptions Options { get; }

    /// <summary>The metrics every outcome is recorded in.</summary>
    public ArbMetrics Metrics { get; }

    /// <summary>Baskets in flight.</summary>
    public IReadOnlyCollection<BasketRun> InFlight => _inFlight.Values;

    /// <summary>Finished baskets (most recent last).</summary>
    public IReadOnlyList<BasketRun> Finished => _finished;

    /// <summary>Legs of baskets in flight holding more than their basket's complete sets.</summary>
    public int UnhedgedLegs
    {
        get
        {
            int n = 0;
            foreach (var r in _inFlight.Values) n += r.UnhedgedLegs;
            return n;
        }
    }

    /// <summary>Legs of baskets in flight left with dust below the venue's minimum size (see <see cref="BasketRun.DustLegs"/>).</summary>
    public int DustLegs
    {
        get
        {
            int n = 0;
            foreach (var r in _inFlight.Values) n += r.DustLegs;
            return n;
        }
    }

    /// <summary>
    /// True while a basket with this id (market or neg-risk event) is in flight, or its market is quarantined after a
    /// basket stayed unhedged past the unwind deadline (<see cref="BasketExecutorOptions.UnhedgedQuarantine"/>).
    /// </summary>
    public bool IsBusy(string basketId) => _inFlight.ContainsKey(basketId) || IsQuarantined(basketId);

    /// <summary>True while no new basket may be opened on <paramref name="basketId"/> after an unhedged episode.</summary>
    public bool IsQuarantined(string basketId) =>
        _quarantinedUntil.Count > 0 && _quarantinedUntil.TryGetValue(basketId, out long until) && Now < until;

    /// <summary>
    /// Sends the legs of <paramref name="opportunity"/> as one basket. Returns the run, or null when the basket is
    /// already in flight or the risk gate denied it (then no leg was sent). <paramref name="opportunity"/> is detached here.
    /// </summary>
    public BasketRun? Execute(ArbBasket basket, in ArbOpportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(basket);
        if (IsBusy(basket.Id) || opportunity.Actionability != ArbActionability.Actionable) return null;
        long seq = ++_nextSequence;
        string id = "arb-" + seq.ToString(CultureInfo.InvariantCulture);
        var legs = opportunity.Legs.Span;
        _requests.Clear();
        for (int i = 0; i < legs.Length; i++)
        {
            ref readonly var l = ref legs[i];
            _requests.Add(new OrderRequest(default, l.Instrument.Id, l.Side, OrderType.Limit, Options.LegTimeInForce, l.LimitPrice, l.Size, Tag: id));
        }

        Span<ClientOrderId> ids = stackalloc ClientOrderId[legs.Length];
        var decision = _ctx.SubmitBasket(_requests, ids);
        if (!decision.IsAllowed)
        {
            _ctx.Note($"{{\"event\":\"arb_denied\",\"basket\":\"{id}\",\"market\":\"{basket.Id}\",\"kind\":\"{ArbNames.Of(opportunity.Kind)}\",\"reason\":\"{decision.Code}\",\"leg\":{decision.LegIndex}}}");
            return null;
        }

        // The legs are with the venue now; the bookkeeping below (run state, timers, journal) follows them.
        long now = Now;
        var run = new BasketRun(seq, basket, opportunity.Detach(), opportunity.DetectedAtTicks == 0 ? now : opportunity.DetectedAtTicks);
        for (int i = 0; i < legs.Length; i++)
        {
            run.EntryIds[i] = ids[i];
            run.Active.Add(ids[i]);
            _orders[ids[i]] = (run, i);
        }

        _inFlight[basket.Id] = run;
        _bySequence[seq] = run;
        Metrics.RecordAttempt();
        run.Timers.Add(_ctx.ScheduleTimer(Options.LegTimeout, TimeSpan.Zero, TimerLegTimeout, seq));
        var untilDeadline = TimeSpan.FromTicks(Math.Max(0, run.DetectedTicks + Options.UnwindTimeout.Ticks - now));
        run.Timers.Add(_ctx.ScheduleTimer(untilDeadline, TimeSpan.Zero, TimerUnwindDeadline, seq));
        var untilGiveUp = TimeSpan.FromTicks(Math.Max(0, run.DetectedTicks + Options.GiveUpTimeout.Ticks - now));
        run.Timers.Add(_ctx.ScheduleTimer(untilGiveUp, TimeSpan.Zero, TimerGiveUp, seq));
        NoteAttempt(run);
        return run;
    }

    /// <summary>Routes an order change (status or fill) of one of the executor's orders; others are ignored.</summary>
    public void OnOrderChanged(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!_orders.TryGetValue(order.Id, out var entry)) return;
        var run = entry.Run;
        int leg = entry.Leg;
        if (run.EntryIds[leg] == order.Id && !run.Answered[leg] && (order.IsAcknowledged || order.Status.IsFinal()))
        {
            run.Answered[leg] = true;
            if (--run.Unanswered == 0) run.LastAckTicks = Now;
        }

        Advance(run);
    }

    /// <summary>Applies a fill of one of the executor's orders to its basket's legs.</summary>
    public void OnFill(Order? order, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (!_orders.TryGetValue(fill.OrderId, out var entry)) return;
        var run = entry.Run;
        int leg = entry.Leg;
        int sign = fill.Side == run.Side ? 1 : -1;
        run.FilledRaw[leg] = checked(run.FilledRaw[leg] + sign * fill.Size.Raw);
        long notional = fill.Notional.Raw;
        long cash = (fill.Side == Side.Buy ? -notional : notional) - fill.Fee.Raw + fill.Rebate.Raw;
        run.CashRaw[leg] = checked(run.CashRaw[leg] + cash);
        run.FillCount++;
        _ctx.Note($"{{\"event\":\"arb_fill\",\"basket\":\"{run.Id}\",\"leg\":{leg},\"instrument\":\"{fill.Instrument}\",\"side\":\"{ArbNames.Of(fill.Side)}\",\"price\":\"{fill.Price}\",\"size\":\"{fill.Size}\",\"fee\":\"{fill.Fee}\",\"filled\":\"{run.Filled(leg)}\"}}");
        if (run.Outcome != BasketOutcome.InFlight)
        {
            // A late fill after the basket was closed (a cancelled leg that traded after all): reopen and repair.
            Reopen(run);
        }

        // Fills of live orders are followed by their order change; fills of orders no longer tracked are not.
        if (order is null) Advance(run);
    }

    /// <summary>Handles the executor's timers (purposes <see cref="TimerLegTimeout"/>..<see cref="TimerRetry"/>).</summary>
    public void OnTimer(in TimerEvent timer)
    {
        if (!_bySequence.TryGetValue(timer.Payload, out var run) || run.Outcome != BasketOutcome.InFlight) return;
        switch (timer.Purpose)
        {
            case TimerLegTimeout:
                TimeOutLegs(run);
                break;
            case TimerUnwindDeadline:
                run.DeadlinePassed = true;
                if (run.UnhedgedLegs > 0) RaiseUnhedged(run, AlertSeverity.Warning, "past the unwind deadline; unwinding aggressively");
                break;
            case TimerGiveUp:
                if (run.UnhedgedLegs > 0) GiveUp(run);
                break;
            case TimerRetry:
                run.RetryPending = false;
                run.FillCountAtRepair = -1; // the pause is over: the next repair may go
                break;
            default:
                return;
        }

        Advance(run);
    }

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
            _ctx.Note($"{{\"event\":\"arb_leg_timeout\",\"basket\":\"{run.Id}\",\"order\":\"{id}\",\"leg\":{_orders[id].Leg},\"filled\":\"{o.FilledSize}\"}}");
        }

        if (run.Active.Count > run.TimedOut.Count) ScheduleLegTimeout(run);
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
            ScheduleRetry(run);
            return;
        }

        Repair(run);
    }

    private void Repair(BasketRun run)
    {
        // Unhedged again after the deadline (a repair traded, a late fill): the market's episode is (still) on.
        if (run.DeadlinePassed && !run.Alerted && run.UnhedgedLegs > 0) RaiseUnhedged(run, AlertSeverity.Warning, "past the unwind deadline; unwinding aggressively");
        int n = run.Legs.Length;
        long min = long.MaxValue;
        for (int i = 0; i < n; i++) min = Math.Min(min, run.FilledRaw[i]);
        min = Math.Max(0, min);
        bool buy = run.Side == Side.Buy;
        for (int i = 0; i < n; i++)
        {
            long filled = run.FilledRaw[i];
            long excess = Math.Max(0, filled - min);
            // The cash of the excess, pro rata: the sets already complete are kept and are not part of the choice.
            long cash = filled <= 0 ? 0 : (long)((Int128)(buy ? -run.CashRaw[i] : run.CashRaw[i]) * excess / filled);
            var book = _ctx.Book(run.Legs[i]);
            bool live = !book.IsStale && _ctx.IsVenueLive(run.Legs[i]);
            var bid = live && book.HasBids ? book.BestBid.Price : Price.Zero;
            var ask = live && book.HasAsks ? book.BestAsk.Price : Price.Zero;
            run.PolicyLegs[i] = new BasketLegState(run.Legs[i], new Quantity(excess), LegState(run, i), new Money(Math.Max(0, cash)), bid, ask, run.Fees[i]);
        }

        // Past the deadline the basket is an emergency: flatten (unwind whenever it is possible at all, completing only
        // when it is not) with the aggressive slippage cap.
        var policy = run.DeadlinePassed
            ? Options.Policy with { SlippageCap = Options.AggressiveSlippageCap, LossCap = new Money(long.MinValue / 4) }
            : Options.Policy;
        var decision = BasketOutcomePolicy.Decide(run.Side, run.PolicyLegs, policy);
        NoteDecision(run, decision);
        switch (decision.Action)
        {
            case BasketAction.Complete:
                SendComplete(run, decision);
                break;
            case BasketAction.Unwind:
                SendUnwind(run, decision);
                break;
            case BasketAction.Escalate when run.UnhedgedLegs == 0 && run.DustLegs > 0 && AllLegsSettled(run):
                // Only dust below the venue's minimum size is left: it can be neither sold nor matched without creating
                // new dust. Close the basket and say so; the dust stays visible in the report and the journal.
                _ctx.Note($"{{\"event\":\"arb_dust\",\"basket\":\"{run.Id}\",\"dust_legs\":{run.DustLegs}}}");
                Finish(run);
                break;
            default:
                // Neither completing nor unwinding is possible now (no price, dust): retried. Before the deadline this
                // is routine (the next book usually has a price) and only journaled; after it the alert is already up.
                ScheduleRetry(run);
                break;
        }
    }

    private bool AllLegsSettled(BasketRun run)
    {
        for (int i = 0; i < run.Legs.Length; i++)
            if (LegState(run, i) == LegFillState.Working) return false;
        return true;
    }

    private LegFillState LegState(BasketRun run, int leg)
    {
        var o = _ctx.FindOrder(run.EntryIds[leg]);
        if (o is null) return LegFillState.TimedOut;
        if (run.TimedOut.Contains(o.Id)) return LegFillState.TimedOut;
        return o.Status switch
        {
            OrderStatus.Filled => LegFillState.Filled,
            OrderStatus.Rejected => LegFillState.Rejected,
            _ when o.FilledSize.Raw > 0 => LegFillState.PartiallyFilled,
            _ => LegFillState.Rejected,
        };
    }

    private void SendComplete(BasketRun run, BasketDecision decision)
    {
        _requests.Clear();
        foreach (var o in decision.Orders)
        {
            // FAK, not FOK: take what the best level offers now; whatever is still missing is decided again.
            _requests.Add(new OrderRequest(default, o.Instrument.Id, o.Side, OrderType.Limit, TimeInForce.Fak, o.LimitPrice, o.Size, Tag: run.Id + ":complete"));
        }

        Span<ClientOrderId> ids = stackalloc ClientOrderId[_requests.Count];
        var gate = _ctx.SubmitBasket(_requests, ids);
        if (!gate.IsAllowed)
        {
            _ctx.Note($"{{\"event\":\"arb_repair_denied\",\"basket\":\"{run.Id}\",\"action\":\"complete\",\"reason\":\"{gate.Code}\",\"leg\":{gate.LegIndex}}}");
            ScheduleRetry(run);
            return;
        }

        run.CompleteSent = true;
        run.Repairs++;
        run.FillCountAtRepair = run.FillCount;
        for (int i = 0; i < ids.Length; i++) Track(run, ids[i], _requests[i].Instrument);
        ScheduleLegTimeout(run);
    }

    private void SendUnwind(BasketRun run, BasketDecision decision)
    {
        int sent = 0;
        foreach (var o in decision.Orders)
        {
            // Reduce-only: an unwind may only shrink a position, so the gate passes it even while REDUCING.
            var request = new OrderRequest(default, o.Instrument.Id, o.Side, OrderType.Limit, TimeInForce.Fak, o.LimitPrice, o.Size,
                ReduceOnly: true, Tag: run.Id + ":unwind");
            var outcome = _ctx.Submit(request);
            if (!outcome.Sent)
            {
                _ctx.Note($"{{\"event\":\"arb_repair_denied\",\"basket\":\"{run.Id}\",\"action\":\"unwind\",\"instrument\":\"{o.Instrument}\",\"reason\":\"{outcome.Decision.Code}\"}}");
                continue;
            }

            Track(run, outcome.Id, o.Instrument.Id);
            sent++;
        }

        if (sent > 0)
        {
            run.UnwindSent = true;
            run.Repairs++;
            run.FillCountAtRepair = run.FillCount;
            ScheduleLegTimeout(run);
        }

        if (sent < decision.Orders.Count) ScheduleRetry(run);
    }

    private void Track(BasketRun run, ClientOrderId id, Core.Instruments.InstrumentId instrument)
    {
        int leg = -1;
        for (int i = 0; i < run.Legs.Length; i++)
            if (run.Legs[i].Id == instrument) { leg = i; break; }
        run.Active.Add(id);
        _orders[id] = (run, leg);
    }

    private void ScheduleLegTimeout(BasketRun run) =>
        run.Timers.Add(_ctx.ScheduleTimer(Options.LegTimeout, TimeSpan.Zero, TimerLegTimeout, run.Sequence));

    private void ScheduleRetry(BasketRun run)
    {
        if (run.RetryPending) return;
        run.RetryPending = true;
        run.Timers.Add(_ctx.ScheduleTimer(Options.RetryInterval, TimeSpan.Zero, TimerRetry, run.Sequence));
    }

    private void RaiseUnhedged(BasketRun run, AlertSeverity severity, string why)
    {
        // One alert per market episode: a repeat at the same severity only refreshes it (the alert center does not
        // publish it again); it is cleared when the last alerted basket of the market is hedged.
        run.Alerted = true;
        double seconds = TimeSpan.FromTicks(Now - run.DetectedTicks).TotalSeconds;
        _ctx.Alert(AlertUnhedged, severity, string.Create(CultureInfo.InvariantCulture,
            $"{run.Id} ({run.Basket.Id}): {run.UnhedgedLegs} leg(s) unhedged {seconds:0.#}s after detection, {why}; still trying"), run.Basket.Id);
    }

    private void GiveUp(BasketRun run)
    {
        // Repairing within the loss and slippage caps has failed for GiveUpTimeout: the position is now a directional
        // bet nobody chose. Stop adding risk anywhere until an operator has looked, and keep unwinding (reduce-only
        // orders pass while REDUCING).
        bool reducing = _ctx.RequestReducing("arb_unhedged");
        RaiseUnhedged(run, AlertSeverity.Critical, reducing ? "gave up repairing within limits: engine REDUCING until an operator resumes" : "gave up repairing within limits");
        _ctx.Note($"{{\"event\":\"arb_give_up\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"unhedged_legs\":{run.UnhedgedLegs},\"reducing\":{(reducing ? "true" : "false")}}}");
    }

    private void Reopen(BasketRun run)
    {
        if (_inFlight.TryGetValue(run.Basket.Id, out var other) && !ReferenceEquals(other, run))
        {
            // Another basket of the same market is in flight; the late fill is still repaired by this run.
            _ctx.Note($"{{\"event\":\"arb_reopened_alongside\",\"basket\":\"{run.Id}\",\"other\":\"{other.Id}\"}}");
        }

        run.Outcome = BasketOutcome.InFlight;
        _finished.Remove(run);
        _inFlight.TryAdd(run.Basket.Id, run);
        _ctx.Note($"{{\"event\":\"arb_reopened\",\"basket\":\"{run.Id}\",\"reason\":\"late fill\"}}");
        long now = Now;
        var untilDeadline = TimeSpan.FromTicks(Math.Max(0, run.DetectedTicks + Options.UnwindTimeout.Ticks - now));
        run.Timers.Add(_ctx.ScheduleTimer(untilDeadline, TimeSpan.Zero, TimerUnwindDeadline, run.Sequence));
        // A late fill gets the repair window after the deadline before the executor gives up, however late it came.
        long giveUpAt = Math.Max(run.DetectedTicks + Options.GiveUpTimeout.Ticks, now + Options.GiveUpTimeout.Ticks - Options.UnwindTimeout.Ticks);
        run.Timers.Add(_ctx.ScheduleTimer(TimeSpan.FromTicks(giveUpAt - now), TimeSpan.Zero, TimerGiveUp, run.Sequence));
    }

    private void Finish(BasketRun run)
    {
        long sets = run.CompleteSets.Raw;
        long cash = run.NetCash.Raw;
        var pnl = new Money(run.Side == Side.Buy ? sets + cash : cash - sets);
        run.Pnl = pnl;
        long latency = (run.LastAckTicks != 0 ? run.LastAckTicks : Now) - run.DetectedTicks;
        if (run.UnwindSent)
        {
            run.Outcome = BasketOutcome.Unwound;
            Metrics.RecordUnwind(-pnl, latency);
        }
        else if (sets > 0)
        {
            run.Outcome = BasketOutcome.Success;
            Metrics.RecordSuccess(pnl, latency);
        }
        else
        {
            run.Outcome = BasketOutcome.Missed;
            Metrics.RecordMiss(-pnl, latency);
        }

        foreach (var t in run.Timers) t.Dispose();
        run.Timers.Clear();
        run.RetryPending = false;
        if (_inFlight.TryGetValue(run.Basket.Id, out var current) && ReferenceEquals(current, run)) _inFlight.Remove(run.Basket.Id);
        _finished.Add(run);
        if (run.Alerted) EndEpisode(run);
        _ctx.Note($"{{\"event\":\"arb_outcome\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"outcome\":\"{run.Outcome}\",\"sets\":\"{new Quantity(sets)}\",\"cash\":\"{new Money(cash)}\",\"pnl\":\"{pnl}\",\"expected\":\"{run.Opportunity.Profit}\",\"repairs\":{run.Repairs},\"latency_us\":{latency / 10}}}");
        PublishHealth();
    }

    private void EndEpisode(BasketRun run)
    {
        run.Alerted = false;
        // The market stays out of bounds for a while: the legging that kept it unhedged is likely to come back.
        if (Options.UnhedgedQuarantine > TimeSpan.Zero) _quarantinedUntil[run.Basket.Id] = Now + Options.UnhedgedQuarantine.Ticks;
        foreach (var other in _bySequence.Values)
            if (other.Alerted && other.Outcome == BasketOutcome.InFlight && other.Basket.Id == run.Basket.Id) return;
        _ctx.ClearAlert(AlertUnhedged, run.Basket.Id);
        _ctx.Note($"{{\"event\":\"arb_hedged_again\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"quarantine_s\":{(long)Options.UnhedgedQuarantine.TotalSeconds}}}");
    }

    /// <summary>Maps the metrics' health onto the engine's alerts (<see cref="AlertSuccessRate"/>, <see cref="AlertUnwindRate"/>).</summary>
    public void PublishHealth()
    {
        var h = Metrics.Health();
        Publish(AlertSuccessRate, h.Success, "success rate", Metrics.SuccessRate);
        Publish(AlertUnwindRate, h.Unwind, "emergency unwind rate", Metrics.UnwindRate);
    }

    private void Publish(string code, ArbAlertSeverity severity, string what, double rate)
    {
        if (severity == ArbAlertSeverity.None)
        {
            if (_alerted.Remove(code)) _ctx.ClearAlert(code);
            return;
        }

        _alerted.Add(code);
        _ctx.Alert(code, severity == ArbAlertSeverity.Critical ? AlertSeverity.Critical : AlertSeverity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"arbitrage {what} {rate:P0} over {Metrics.Attempts} attempts"));
    }

    private void NoteAttempt(BasketRun run)
    {
        var o = run.Opportunity;
        var sb = new StringBuilder(256);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"arb_attempt\",\"basket\":\"{run.Id}\",\"market\":\"{run.Basket.Id}\",\"kind\":\"{ArbNames.Of(o.Kind)}\",\"sets\":\"{o.Sets}\",\"cost\":\"{o.ExpectedCost}\",\"fees\":\"{o.Fees}\",\"profit\":\"{o.Profit}\",\"tif\":\"{ArbNames.Of(Options.LegTimeInForce)}\",\"legs\":[");
        var legs = o.Legs.Span;
        for (int i = 0; i < legs.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{{\"order\":\"{run.EntryIds[i]}\",\"instrument\":\"{legs[i].Instrument.Id}\",\"side\":\"{ArbNames.Of(legs[i].Side)}\",\"limit\":\"{legs[i].LimitPrice}\",\"size\":\"{legs[i].Size}\"}}");
        }

        sb.Append("]}");
        _ctx.Note(sb.ToString());
    }

    private void NoteDecision(BasketRun run, BasketDecision d)
    {
        var sb = new StringBuilder(256);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"arb_decision\",\"basket\":\"{run.Id}\",\"action\":\"{d.Action}\",\"deadline_passed\":{(run.DeadlinePassed ? "true" : "false")},\"complete_loss\":\"{d.CompleteLoss}\",\"unwind_loss\":\"{d.UnwindLoss}\",\"reason\":\"{d.Reason.Replace("\"", "'", StringComparison.Ordinal)}\",\"fills\":[");
        for (int i = 0; i < run.Legs.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"\"{run.Filled(i)}\"");
        }

        sb.Append("],\"orders\":[");
        for (int i = 0; i < d.Orders.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var o = d.Orders[i];
            sb.Append(CultureInfo.InvariantCulture, $"{{\"instrument\":\"{o.Instrument.Id}\",\"side\":\"{ArbNames.Of(o.Side)}\",\"limit\":\"{o.LimitPrice}\",\"size\":\"{o.Size}\"}}");
        }

        sb.Append("]}");
        _ctx.Note(sb.ToString());
    }
}
