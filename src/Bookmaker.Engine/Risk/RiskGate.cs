using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The only road to a venue: the order manager asks <see cref="Check"/> (or <see cref="CheckBasket"/>) before every
/// submit, and sends nothing that is denied. Cancels never come here — they are always allowed.
/// </summary>
/// <remarks>
/// <para>Positions, marks, holding times and exposure are read from the ledger (<see cref="PortfolioBook"/>) and the
/// aggregates it maintains per risk group; the gate keeps only what is its own — open-order commitments, our resting
/// quotes, counters, states — updated incrementally by the order manager. A check is a few array reads: no
/// allocation, no enumeration.</para>
/// <para>Exposure is counted per <em>risk group</em> (<see cref="RiskGroup"/>): a crypto instrument is its own group;
/// the YES and NO tokens of one binary market form one group measured in YES-equivalent shares (long YES and long NO
/// offset) and valued at the group mark (the YES mark, or 1 − the NO mark), so buying NO while long YES counts as
/// reducing, and the two forms of one quote are never counted twice nor valued differently.</para>
/// <para>States: the effective state is the most restrictive of the manual state (operator), the kill switch, a
/// daily-loss breach, the minimum bankroll and the consecutive-loss breaker. A breach halt is only lifted by
/// <see cref="ResetBreach"/>; a day roll resets counters but never lifts it.</para>
/// </remarks>
public sealed class RiskGate
{
    /// <summary>
    /// The most legs <see cref="CheckBasket"/> judges at once: the pending effects live on the stack. A neg-risk event
    /// has far fewer outcomes; the arbitrage scanner never builds more.
    /// </summary>
    public const int MaxBasketLegs = 64;

    private readonly InstrumentRegistry _instruments;
    private readonly PortfolioBook _ledger;
    private readonly TimeProvider _time;
    private readonly AlertCenter _alerts;
    private readonly ClockedTokenBucket _submitBucket;
    private readonly GateNotices _notices;
    private readonly TradingStateMachine _state;
    private readonly ShadowAccount _account;
    private readonly VenueConditions _venues;
    private readonly PreTradeChecks _checks;
    private readonly AmendCheck _amends;

    /// <summary>Creates the gate for the registered instruments, reading positions and marks from <paramref name="ledger"/>.</summary>
    public RiskGate(InstrumentRegistry instruments, PortfolioBook ledger, RiskLimits limits, TimeProvider time, AlertCenter alerts)
    {
        _notices = new GateNotices((old, now, reason) => StateChanged?.Invoke(old, now, reason), reason => FreezeRequested?.Invoke(reason));
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _state = new TradingStateMachine(limits, time, alerts, _notices);
        _submitBucket = ClockedTokenBucket.PerSecond(time, limits.SubmitRatePerSecond, limits.SubmitBurst);
        CancelBucket = ClockedTokenBucket.PerSecond(time, limits.CancelRatePerSecond, limits.CancelBurst);
        _account = new ShadowAccount(instruments, ledger, new TradingDay(limits.DayRollUtc, time.GetUtcNow()));
        _venues = new VenueConditions(new RejectBackoff(limits.RejectBackoffInitial, limits.RejectBackoffMax));
        _checks = new PreTradeChecks(ledger, limits, time, _state, _venues, _account);
        _amends = new AmendCheck(instruments, time, _checks, _venues, _submitBucket);
        RefreshInstruments();
    }

    /// <summary>Markets that no longer trade in this run.</summary>
    public ClosedMarkets ClosedMarkets => _venues.ClosedMarkets;

    /// <summary>The limits in force.</summary>
    public RiskLimits Limits { get; }

    /// <summary>Cancel token bucket: cancels are never denied, but the order manager paces them with it.</summary>
    public ClockedTokenBucket CancelBucket { get; }

    /// <summary>Submit token bucket.</summary>
    public ClockedTokenBucket SubmitBucket => _submitBucket;

    /// <summary>Raised when the effective state changes: (old, new, reason code).</summary>
    public event Action<TradingState, TradingState, string>? StateChanged;

    /// <summary>Raised when the gate wants everything cancelled now (breach, halt): the reason code.</summary>
    public event Action<string>? FreezeRequested;

    /// <summary>Raised at each day roll.</summary>
    public event Action? DayRolled;

    /// <summary>The effective trading state (<see cref="TradingStateMachine"/>).</summary>
    public TradingState State => _state.State;

    /// <summary>True while a daily-loss breach holds the engine halted.</summary>
    public bool IsBreached => _state.IsBreached;

    /// <summary>True while the kill-switch file is present.</summary>
    public bool KillSwitchEngaged => _state.KillSwitchEngaged;

    /// <summary>Net P&amp;L since the last day roll (realized + unrealized − fees + rebates).</summary>
    public Money DailyPnl => _account.DailyPnl;

    /// <summary>Orders submitted since the last day roll.</summary>
    public int OrdersToday => _account.OrdersToday;

    /// <summary>Orders currently open (as the order manager reported them).</summary>
    public int OpenOrders => _account.OpenOrders;

    /// <summary>Net directional exposure in quote currency (Σ group delta × group mark), as the ledger keeps it.</summary>
    public Money NetExposure => _ledger.NetExposure;

    /// <summary>Cash not locked by open buy orders.</summary>
    public Money AvailableCash => _account.AvailableCash;

    /// <summary>Losing round trips in a row.</summary>
    public int ConsecutiveLosses => _state.ConsecutiveLosses;

    /// <summary>Call after instruments are added to the registry.</summary>
    public void RefreshInstruments() => _account.RefreshInstruments();

    // ───────────────────────────── the checks ─────────────────────────────

    /// <summary>
    /// Judges one order: the day roll, then checks 1–18 of <c>docs/risk.md</c> (<see cref="PreTradeChecks"/>), then a
    /// submit token — consumed only when everything else passed. Allocation-free.
    /// </summary>
    public RiskDecision Check(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        MaybeRollDay();
        var state = _checks.ForAnyOrder();
        if (state == DenyReason.None) state = _venues.ForVenue(request.Instrument.Venue, _time.GetUtcNow().UtcTicks);
        if (state != DenyReason.None) return RiskDecision.Deny(state);
        if (!_instruments.TryGet(request.Instrument, out var inst)) return RiskDecision.Deny(DenyReason.UnknownInstrument);
        var reason = _checks.ForOrder(request, inst, default);
        if (reason != DenyReason.None) return RiskDecision.Deny(reason);
        if (!_submitBucket.AttemptAcquire(1).IsAcquired) return RiskDecision.Deny(DenyReason.RateLimited);
        return RiskDecision.Allow;
    }

    /// <summary>
    /// Judges an amend of a resting order as a submit of the amended order — the same checks in the same order, a submit
    /// token included — with three differences: exposure and balances count the amended order's remaining size (new size
    /// − filled) and what the order already locks is freed by it; the caps on open and daily orders do not apply (no order
    /// is added); and an amend that adds no risk (the rest does not grow, the price does not move towards the market)
    /// passes where a reducing order would — in REDUCING too. HALTED denies every amend. Cancels never come here.
    /// </summary>
    /// <param name="order">The order as it stands (its terms in force and what filled).</param>
    /// <param name="amended">Its terms after the amend (same id; new price and/or total size).</param>
    public RiskDecision CheckAmend(IOrderView order, OrderRequest amended)
    {
        MaybeRollDay();
        return _amends.Judge(order, amended);
    }

    /// <summary>
    /// Judges a basket as a whole: every leg is checked with the effects of the legs before it (cash, positions,
    /// exposure), and the rate limiter must grant all legs at once. One denied leg denies the basket.
    /// </summary>
    public RiskDecision CheckBasket(IReadOnlyList<OrderRequest> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        MaybeRollDay();
        var state = _checks.ForAnyOrder();
        // A paused venue or an open circuit denies the whole basket before any leg is judged (leg index -1).
        long nowTicks = _time.GetUtcNow().UtcTicks;
        for (int i = 0; i < legs.Count && state == DenyReason.None; i++) state = _venues.ForVenue(legs[i].Instrument.Venue, nowTicks);
        if (state != DenyReason.None) return RiskDecision.Deny(state);
        if (legs.Count == 0) return RiskDecision.Allow;
        if (legs.Count > MaxBasketLegs) return RiskDecision.Deny(DenyReason.BasketTooLarge);
        Span<BasketEffect> effects = stackalloc BasketEffect[legs.Count];
        var pending = new PendingBasket(effects);
        for (int i = 0; i < legs.Count; i++)
        {
            if (!_instruments.TryGet(legs[i].Instrument, out var inst)) return RiskDecision.Deny(DenyReason.UnknownInstrument, i);
            var reason = _checks.ForOrder(legs[i], inst, pending);
            if (reason != DenyReason.None) return RiskDecision.Deny(reason, i);
            ref readonly var r = ref _account.Risk(inst.Index);
            pending.Add(legs[i], inst, r, _ledger.GroupMark(r.Group).Raw);
        }

        if (_submitBucket.Available < legs.Count) return RiskDecision.Deny(DenyReason.RateLimited);
        _submitBucket.AttemptAcquire(legs.Count);
        return RiskDecision.Allow;
    }

    // ───────────────────────────── state fed by the order manager ─────────────────────────────

    /// <summary>An order was sent: count it and lock its commitments (cash for buys, tokens for sells).</summary>
    public void OnOrderSent(OrderRequest request, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instrument);
        _account.OnOrderSent(request, instrument);
    }

    /// <summary>
    /// An amend was sent: the amended terms lock their commitment for <paramref name="size"/> on top of the old terms'
    /// (the venue may trade on either until it answers); the answer releases one of the two.
    /// </summary>
    public void OnAmendSent(OrderRequest amended, Instrument instrument, Quantity size)
    {
        ArgumentNullException.ThrowIfNull(amended);
        ArgumentNullException.ThrowIfNull(instrument);
        _account.Lock(amended, instrument, size);
    }

    /// <summary>Part of an order filled or left the book: release the matching commitment.</summary>
    public void OnCommitmentReleased(OrderRequest request, Instrument instrument, Quantity released)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instrument);
        _account.Release(request, instrument, released);
    }

    /// <summary>An order reached a final state.</summary>
    public void OnOrderClosed() => _account.OnOrderClosed();

    /// <summary>The best prices of our own resting orders on an instrument changed (0 = none).</summary>
    public void SetOwnQuotes(Instrument instrument, Price bestBid, Price bestAsk)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _account.SetOwnQuotes(instrument, bestBid, bestAsk);
    }

    /// <summary>
    /// The account's total net P&amp;L, cash and equity changed (after a fill or a mark). Enforces the daily loss limit,
    /// its warning and the minimum bankroll immediately, so the loss never runs past the limit by more than the
    /// change that crossed it.
    /// </summary>
    public void OnAccount(Money totalNetPnl, Money cash, Money equity)
    {
        _account.SetTotals(totalNetPnl, cash, equity);
        MaybeRollDay();
        _state.OnAccount(_account.DailyPnl, equity);
    }

    /// <summary>Seeds cash and P&amp;L at start (from the venue or the journal) without triggering alerts.</summary>
    public void Initialize(Money totalNetPnl, Money dayStartNetPnl, Money cash, Money equity) =>
        _account.Initialize(totalNetPnl, dayStartNetPnl, cash, equity);

    /// <summary>A round trip (flat → position → flat) finished with this net P&amp;L: feeds the consecutive-loss breaker.</summary>
    public void OnRoundTrip(Money pnl) => _state.OnRoundTrip(pnl);

    // ───────────────────────────── operator and venue inputs ─────────────────────────────

    /// <summary>Operator halt (or resume to ACTIVE / REDUCING). Never lifts a breach, the kill switch or the bankroll halt.</summary>
    public void SetManualState(TradingState state, string reason) => _state.SetManualState(state, reason);

    /// <summary>
    /// A component that can no longer contain its own risk (an arbitrage basket it could not hedge) asks for REDUCING:
    /// applied only while the operator's state is ACTIVE — it never lifts a halt — and lifted only by an operator resume.
    /// Returns true when it changed the manual state.
    /// </summary>
    public bool RequestReducing(string reason) => _state.RequestReducing(reason);

    /// <summary>The kill-switch file appeared or disappeared. Disappearing does not resume by itself.</summary>
    public void SetKillSwitch(bool engaged) => _state.SetKillSwitch(engaged);

    /// <summary>
    /// After a restart: the consecutive-loss breaker tripped at <paramref name="since"/> and no operator resumed since:
    /// the cool-down runs on to <c>since + LossCooldown</c> (HALTED), then REDUCING until an operator resumes. Returns
    /// true when it restricts trading now.
    /// </summary>
    public bool RestoreLossBreaker(DateTimeOffset since) => _state.RestoreLossBreaker(since);

    /// <summary>After a restart: a breach the journal recorded and nobody reset is still a breach.</summary>
    public void RestoreBreach() => _state.RestoreBreach();

    /// <summary>After a restart on the same trading day: the loss baseline the day started from.</summary>
    public void RestoreDayStart(Money dayStartNetPnl) => _account.RestoreDayStart(dayStartNetPnl);

    /// <summary><c>risk reset --confirm</c>: clears a daily-loss breach; the day's baseline restarts from now.</summary>
    public bool ResetBreach()
    {
        if (!_state.IsBreached) return false;
        _account.RestartDayBaseline();
        return _state.ResetBreach();
    }

    /// <summary>
    /// A venue's order session (heartbeat) was lost or restored. While lost, new orders on that venue are denied
    /// (<see cref="DenyReason.VenueUnavailable"/>): the venue may cancel what rests there at any moment, and an order
    /// placed now would sit on top of orders whose fate is unknown. Cancels are always allowed.
    /// </summary>
    public void SetVenueSessionLost(string venue, bool lost)
    {
        ArgumentNullException.ThrowIfNull(venue);
        _venues.SetSessionLost(venue, lost);
    }

    /// <summary>
    /// The venue's edge refused us (HTTP 403): new orders on it are denied (<see cref="DenyReason.VenueBlocked"/>) until
    /// <paramref name="until"/>. Cancels are not the gate's to refuse; the adapter holds them until the window ends.
    /// </summary>
    public void BlockVenueUntil(string venue, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(venue);
        _venues.BlockUntil(venue, until.UtcTicks);
    }

    /// <summary>True while the venue is blocked (HTTP 403 window).</summary>
    public bool IsVenueBlocked(string venue) =>
        _venues.IsBlocked(venue, _time.GetUtcNow().UtcTicks);

    /// <summary>True when the instrument's market no longer trades.</summary>
    public bool IsMarketClosed(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return ClosedMarkets.IsClosed(instrument.Index);
    }

    /// <summary>
    /// The venue refused an order on <paramref name="instrument"/> (created at <paramref name="orderCreatedAt"/>) for a
    /// reason that would repeat: its market (risk group) is held (<see cref="DenyReason.RejectBackoff"/>) for the
    /// returned time, doubling with each further reject of an order sent after the hold began.
    /// </summary>
    public TimeSpan OnRepeatingReject(Instrument instrument, DateTimeOffset orderCreatedAt)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return _venues.Backoff.OnReject(_account.GroupOf(instrument.Index), _time.GetUtcNow().UtcTicks, orderCreatedAt.UtcTicks);
    }

    /// <summary>The venue accepted an order on <paramref name="instrument"/>: its market's reject backoff is over.</summary>
    public void OnOrderAccepted(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _venues.Backoff.OnAccepted(_account.GroupOf(instrument.Index));
    }

    /// <summary>The cause of the market's rejects may be gone (its tick was re-read): its hold ends now.</summary>
    public void LiftRejectBackoff(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _venues.Backoff.Lift(_account.GroupOf(instrument.Index));
    }

    /// <summary>When the market of <paramref name="instrument"/> leaves its reject backoff; null when it holds nothing.</summary>
    public DateTimeOffset? RejectBackoffUntil(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        long until = _venues.Backoff.HoldsUntil(_account.GroupOf(instrument.Index));
        return until > _time.GetUtcNow().UtcTicks ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// The venue published one side of <paramref name="instrument"/>'s order-price band (zero clears it): a buy above the
    /// buy limit or a sell below the sell limit is denied <c>price_band</c>. No band known, no check.
    /// </summary>
    public void SetPriceBand(Instrument instrument, Side side, Price limit)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _venues.Bands.Set(instrument.Index, side, limit);
    }

    /// <summary>The last published limit of one side of the instrument's price band (zero: none known).</summary>
    public Price PriceBandLimit(Instrument instrument, Side side) => _venues.Bands.Limit(instrument?.Index ?? -1, side);

    /// <summary>The venue's mark of a perpetual (<paramref name="isMark"/>) or our liquidation price on it (zero: none); see <see cref="LiquidationDistance"/>.</summary>
    public void SetPositionRisk(Instrument instrument, bool isMark, Price price)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (isMark) _venues.Liquidation.SetMark(instrument.Index, price);
        else _venues.Liquidation.SetLiquidation(instrument.Index, price);
    }

    /// <summary>The venue entered or left cancel-only / post-only mode.</summary>
    public void SetVenueMode(bool cancelOnly, bool postOnly)
    {
        _venues.SetMode(cancelOnly, postOnly);
    }

    /// <summary>
    /// Holds the state-change and freeze announcements until <see cref="ReleaseNotifications"/> (the order manager holds
    /// them while it delivers a venue report). The state itself changes at once: a breach denies the next check.
    /// </summary>
    public void HoldNotifications() => _notices.Hold();

    /// <summary>Ends a hold; the outermost raises what was decided meanwhile, in order.</summary>
    public void ReleaseNotifications() => _notices.Release();

    /// <summary>
    /// The venue told us to pause (HTTP 429 or 425 with Retry-After, a Restarting status): submits to
    /// <paramref name="venue"/> are denied <c>submits_paused</c> until <paramref name="until"/>; cancels still flow. The
    /// submit bucket (shared by every venue) is emptied, so submits resume at the refill rate rather than in a burst.
    /// </summary>
    public void PauseSubmitsUntil(string venue, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(venue);
        _venues.PauseSubmitsUntil(venue, until.UtcTicks);
        _submitBucket.Drain();
    }

    /// <summary>True while submits to <paramref name="venue"/> are paused.</summary>
    public bool AreSubmitsPaused(string venue) => _venues.AreSubmitsPaused(venue, _time.GetUtcNow().UtcTicks);

    /// <summary>
    /// Mirrors the submit circuit breaker <paramref name="venue"/>'s adapter reported: open until
    /// <paramref name="openUntil"/> (the end of the breaker's break; submits denied <c>circuit_open</c>), or closed when
    /// null. The gate decides nothing here: the breaker lives in the adapter, and past the break its next submit is the
    /// trial that closes or re-opens it, so the gate lets submits through again at the break's end.
    /// </summary>
    public void SetSubmitCircuit(string venue, DateTimeOffset? openUntil)
    {
        ArgumentNullException.ThrowIfNull(venue);
        _venues.MirrorCircuit(venue, openUntil?.UtcTicks ?? 0);
    }

    /// <summary>True while <paramref name="venue"/>'s submit circuit is open, as its adapter reported.</summary>
    public bool IsCircuitOpen(string venue) => _venues.IsCircuitOpen(venue, _time.GetUtcNow().UtcTicks);

    // ───────────────────────────── the trading day ─────────────────────────────

    private void MaybeRollDay()
    {
        // Counters and the loss baseline restart; a breach halt does NOT lift (it needs an operator).
        if (!_account.TryRollDay(_time.GetUtcNow())) return;
        _alerts.Clear("daily_loss_warning");
        DayRolled?.Invoke();
    }

    /// <summary>
    /// Forces the day-roll check now, publishes the end of a loss cool-down and clears the loss-breaker alert once the
    /// breaker no longer restricts trading (called by the engine's housekeeping; see <see cref="TradingStateMachine.Tick"/>).
    /// </summary>
    public void Tick()
    {
        MaybeRollDay();
        _state.Tick();
    }
}
