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
    private InstrumentRisk[] _risk = [];

    private TradingState _manualState = TradingState.Active;
    private bool _killSwitch;
    private bool _breached;
    private bool _belowBankroll;
    private readonly ConsecutiveLossBreaker _breaker;
    private readonly TradingDay _day;

    private Money _totalNetPnl;
    private Money _dayStartNetPnl;
    private Money _cash;
    private Money _committedCash;
    private Money _equity;
    private int _openOrders;
    private int _ordersToday;

    /// <summary>Creates the gate for the registered instruments, reading positions and marks from <paramref name="ledger"/>.</summary>
    public RiskGate(InstrumentRegistry instruments, PortfolioBook ledger, RiskLimits limits, TimeProvider time, AlertCenter alerts)
    {
        _notices = new GateNotices((old, now, reason) => StateChanged?.Invoke(old, now, reason), reason => FreezeRequested?.Invoke(reason));
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _breaker = new ConsecutiveLossBreaker(limits, time, alerts);
        _submitBucket = ClockedTokenBucket.PerSecond(time, limits.SubmitRatePerSecond, limits.SubmitBurst);
        CancelBucket = ClockedTokenBucket.PerSecond(time, limits.CancelRatePerSecond, limits.CancelBurst);
        _day = new TradingDay(limits.DayRollUtc, time.GetUtcNow());
        _venues = new VenueConditions(new RejectBackoff(limits.RejectBackoffInitial, limits.RejectBackoffMax));
        RefreshInstruments();
    }

    private readonly VenueConditions _venues;

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

    /// <summary>The effective trading state.</summary>
    public TradingState State
    {
        get
        {
            if (_killSwitch || _breached || _belowBankroll || _manualState == TradingState.Halted || _breaker.InCooldown) return TradingState.Halted;
            if (_manualState == TradingState.Reducing || _breaker.Reducing) return TradingState.Reducing;
            return TradingState.Active;
        }
    }

    /// <summary>True while a daily-loss breach holds the engine halted.</summary>
    public bool IsBreached => _breached;

    /// <summary>True while the kill-switch file is present.</summary>
    public bool KillSwitchEngaged => _killSwitch;

    /// <summary>Net P&amp;L since the last day roll (realized + unrealized − fees + rebates).</summary>
    public Money DailyPnl => _totalNetPnl - _dayStartNetPnl;

    /// <summary>Orders submitted since the last day roll.</summary>
    public int OrdersToday => _ordersToday;

    /// <summary>Orders currently open (as the order manager reported them).</summary>
    public int OpenOrders => _openOrders;

    /// <summary>Net directional exposure in quote currency (Σ group delta × group mark), as the ledger keeps it.</summary>
    public Money NetExposure => _ledger.NetExposure;

    /// <summary>Cash not locked by open buy orders.</summary>
    public Money AvailableCash => _cash - _committedCash;

    /// <summary>Losing round trips in a row.</summary>
    public int ConsecutiveLosses => _breaker.Losses;

    /// <summary>Call after instruments are added to the registry.</summary>
    public void RefreshInstruments()
    {
        int n = _instruments.Count;
        if (_risk.Length >= n) return;
        Array.Resize(ref _risk, n);
        for (int i = 0; i < n; i++)
        {
            // The ledger names the group (the YES token's index for a binary market; NO counts −1 in YES-equivalent shares).
            var group = _ledger.RiskGroupOf(_instruments[i]);
            _risk[i].Group = group.Index;
            _risk[i].Sign = group.Sign;
        }
    }

    // ───────────────────────────── the checks ─────────────────────────────

    /// <summary>Judges one order. Allocation-free. Consumes a submit token only when everything else passed.</summary>
    public RiskDecision Check(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        MaybeRollDay();
        var state = StateGate();
        if (state == DenyReason.None) state = _venues.ForVenue(request.Instrument.Venue, _time.GetUtcNow().UtcTicks);
        if (state != DenyReason.None) return RiskDecision.Deny(state);
        if (!_instruments.TryGet(request.Instrument, out var inst)) return RiskDecision.Deny(DenyReason.UnknownInstrument);
        var reason = CheckOne(request, inst, default);
        if (reason != DenyReason.None) return RiskDecision.Deny(reason);
        if (!_submitBucket.AttemptAcquire(1).IsAcquired) return RiskDecision.Deny(DenyReason.RateLimited);
        return RiskDecision.Allow;
    }

    /// <summary>
    /// Judges a basket as a whole: every leg is checked with the effects of the legs before it (cash, positions,
    /// exposure), and the rate limiter must grant all legs at once. One denied leg denies the basket.
    /// </summary>
    public RiskDecision CheckBasket(IReadOnlyList<OrderRequest> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        MaybeRollDay();
        var state = StateGate();
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
            var reason = CheckOne(legs[i], inst, pending);
            if (reason != DenyReason.None) return RiskDecision.Deny(reason, i);
            pending.Add(legs[i], inst, _risk[inst.Index], _ledger.GroupMark(_risk[inst.Index].Group).Raw);
        }

        if (_submitBucket.Available < legs.Count) return RiskDecision.Deny(DenyReason.RateLimited);
        _submitBucket.AttemptAcquire(legs.Count);
        return RiskDecision.Allow;
    }

    private DenyReason StateGate()
    {
        if (_killSwitch) return DenyReason.KillSwitch;
        if (_breached) return DenyReason.DailyLossBreached;
        if (_belowBankroll) return DenyReason.BelowMinBankroll;
        if (_breaker.InCooldown) return DenyReason.LossCooldown;
        if (_manualState == TradingState.Halted) return DenyReason.Halted;
        return _venues.ForAnyOrder();
    }

    private DenyReason CheckOne(OrderRequest o, Instrument inst, PendingBasket basket)
    {
        ref readonly var r = ref _risk[inst.Index];
        long nowTicks = _time.GetUtcNow().UtcTicks;
        var venue = _venues.ForOrder(o, inst, r.Group, nowTicks);
        if (venue != DenyReason.None) return venue;

        // Shape: size, tick, bounds, per-order size and notional.
        bool quoteSized = o.Type == OrderType.Market && o.Side == Side.Buy && o.QuoteAmount.Raw > 0 && o.Size.Raw == 0;
        if (!quoteSized && !inst.IsValidSize(o.Size)) return DenyReason.InvalidSize;
        if (o.Price < inst.MinPrice || o.Price > inst.MaxPrice) return DenyReason.PriceOutOfBounds;
        if (!o.Price.IsOnTick(inst.TickSize)) return DenyReason.OffTick;
        if (o.Size > Limits.MaxOrderSize) return DenyReason.MaxOrderSize;
        Money notional = o.Notional;
        if (notional > Limits.MaxOrderNotional) return DenyReason.MaxOrderNotional;

        // Fat finger: the limit (or, for market orders, the worst acceptable price) must sit near the mark.
        long markRaw = _ledger.MarkOf(inst).Raw;
        if (markRaw <= 0) return DenyReason.NoMark;
        long band = FixedPoint.MultiplyScaled(inst.IsOutcomeToken ? FixedPoint.Scale : markRaw, Limits.FatFingerBandBps * (FixedPoint.Scale / 10_000), MidpointRounding.ToZero);
        if (Math.Abs(o.Price.Raw - markRaw) > band) return DenyReason.FatFinger;

        // Exposure of the order in its group's units (YES-equivalent shares for binary markets).
        long size = quoteSized ? EstimateQuoteSizedShares(o) : o.Size.Raw;
        long groupDelta = _ledger.GroupDelta(r.Group).Raw + basket.GroupDelta(r.Group);
        long change = (o.Side == Side.Buy ? size : -size) * r.Sign;
        long after = groupDelta + change;
        bool reducing = groupDelta != 0 && Math.Abs(after) < Math.Abs(groupDelta) && (after == 0 || Math.Sign(after) == Math.Sign(groupDelta));

        if (o.ReduceOnly && !reducing) return DenyReason.ReduceOnlyWouldIncrease;
        if (State == TradingState.Reducing && !reducing) return DenyReason.ReducingOnly;
        if (!reducing && groupDelta != 0 && _ledger.GroupOpenedAt(r.Group) is { } openedAt
            && _time.GetUtcNow().UtcTicks - openedAt.UtcTicks > Limits.MaxHoldTime.Ticks)
            return DenyReason.MaxHoldTime;
        if (!reducing)
        {
            if (Math.Abs(after) > Limits.MaxPositionPerInstrument.Raw) return DenyReason.MaxPosition;
            // YES-equivalent shares at the group mark, for every leg alike (a NO order is not valued at the NO mark).
            long groupMark = _ledger.GroupMark(r.Group).Raw;
            Money exposureAfter = _ledger.NetExposure + basket.Exposure + new Money(FixedPoint.MultiplyScaled(change, groupMark, MidpointRounding.AwayFromZero));
            if (exposureAfter.Abs() > Limits.MaxDirectionalExposure) return DenyReason.DirectionalExposure;
            if (groupDelta == 0 && _ledger.OpenGroups + basket.NewGroups + 1 > Limits.MaxConcurrentPositions) return DenyReason.MaxConcurrentPositions;
        }

        // Our own quotes on this instrument must never cross each other (nor, for binary markets, via the complement).
        if (o.Type == OrderType.Limit && !o.TimeInForceIsImmediate())
        {
            if (o.Side == Side.Buy && r.OwnBestAskRaw > 0 && o.Price.Raw >= r.OwnBestAskRaw) return DenyReason.SelfCross;
            if (o.Side == Side.Buy && r.ComplementBidAsAskRaw > 0 && o.Price.Raw >= r.ComplementBidAsAskRaw) return DenyReason.SelfCross;
            if (o.Side == Side.Sell && r.OwnBestBidRaw > 0 && o.Price.Raw <= r.OwnBestBidRaw) return DenyReason.SelfCross;
        }

        // Caps limit new risk; an order that shrinks a position is never kept from going out by them.
        if (!reducing && _openOrders + basket.Count + 1 > Limits.MaxOpenOrders) return DenyReason.MaxOpenOrders;
        if (!reducing && _ordersToday + basket.Count + 1 > Limits.MaxOrdersPerDay) return DenyReason.MaxOrdersPerDay;

        // Balances, net of what open orders already lock.
        if (o.Side == Side.Buy)
        {
            if (notional > AvailableCash - basket.Cash) return DenyReason.InsufficientCash;
        }
        else if (inst.Kind != InstrumentKind.LinearPerpetual)
        {
            // Only settled shares can be sold (a venue refuses tokens whose trade has not settled): the ledger's
            // sellable quantity, not the position, which already counts provisional fills.
            long held = _ledger.SellableQuantity(inst).Raw;
            long freeTokens = held - r.OpenSellRaw - basket.Sells(inst.Index);
            if (size > freeTokens) return DenyReason.InsufficientTokens;
        }

        return DenyReason.None;
    }

    private static long EstimateQuoteSizedShares(OrderRequest o) =>
        o.Price.Raw <= 0 ? 0 : (long)((Int128)o.QuoteAmount.Raw * FixedPoint.Scale / o.Price.Raw);


    // ───────────────────────────── state fed by the order manager ─────────────────────────────

    /// <summary>An order was sent: count it and lock its commitments (cash for buys, tokens for sells).</summary>
    public void OnOrderSent(OrderRequest request, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instrument);
        _ordersToday++;
        _openOrders++;
        Commit(request, instrument, request.Size, +1);
    }

    /// <summary>Part of an order filled or left the book: release the matching commitment.</summary>
    public void OnCommitmentReleased(OrderRequest request, Instrument instrument, Quantity released)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(instrument);
        Commit(request, instrument, released, -1);
    }

    /// <summary>An order reached a final state.</summary>
    public void OnOrderClosed() => _openOrders = Math.Max(0, _openOrders - 1);

    private void Commit(OrderRequest o, Instrument inst, Quantity size, int sign)
    {
        ref var r = ref _risk[inst.Index];
        if (o.Side == Side.Buy)
        {
            Money m = o.Type == OrderType.Market && o.QuoteAmount.Raw > 0 && o.Size.Raw == 0
                ? o.QuoteAmount
                : Money.Notional(o.Price, size, MidpointRounding.ToPositiveInfinity);
            _committedCash = sign > 0 ? _committedCash + m : Money.Max(Money.Zero, _committedCash - m);
        }
        else
        {
            r.OpenSellRaw = Math.Max(0, r.OpenSellRaw + sign * size.Raw);
        }
    }

    /// <summary>The best prices of our own resting orders on an instrument changed (0 = none).</summary>
    public void SetOwnQuotes(Instrument instrument, Price bestBid, Price bestAsk)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ref var r = ref _risk[instrument.Index];
        r.OwnBestBidRaw = bestBid.Raw;
        r.OwnBestAskRaw = bestAsk.Raw;
        // Binary market: our NO bid at q is a YES ask at 1 − q and vice versa; mirror into the complement's view.
        if (instrument.Outcome is { } links && _instruments.TryGet(links.Complement, out var comp))
        {
            ref var c = ref _risk[comp.Index];
            c.ComplementBidAsAskRaw = bestBid.Raw > 0 ? FixedPoint.Scale - bestBid.Raw : 0;
        }
    }

    /// <summary>
    /// The account's total net P&amp;L, cash and equity changed (after a fill or a mark). Enforces the daily loss limit,
    /// its warning and the minimum bankroll immediately, so the loss never runs past the limit by more than the
    /// change that crossed it.
    /// </summary>
    public void OnAccount(Money totalNetPnl, Money cash, Money equity)
    {
        _totalNetPnl = totalNetPnl;
        _cash = cash;
        _equity = equity;
        MaybeRollDay();
        Money daily = DailyPnl;
        Money limit = Limits.DailyLossLimit;
        if (!_breached && -daily.Raw >= limit.Raw)
        {
            var old = State;
            _breached = true;
            _alerts.Raise("daily_loss_breach", AlertSeverity.Critical, $"daily P&L {daily} breached the limit of -{limit}; HALTED until 'bookmaker risk reset --confirm'");
            Publish(old, "daily_loss_breached");
            _notices.Freeze("daily_loss_breached");
        }
        else if (!_breached && (decimal)(-daily.Raw) >= Limits.DailyLossWarnFraction * limit.Raw)
        {
            _alerts.Raise("daily_loss_warning", AlertSeverity.Warning, $"daily P&L {daily} is past {Limits.DailyLossWarnFraction:P0} of the -{limit} limit");
        }

        bool below = equity < Limits.MinBankroll;
        if (below != _belowBankroll)
        {
            var old = State;
            _belowBankroll = below;
            if (below)
            {
                _alerts.Raise("min_bankroll", AlertSeverity.Critical, $"equity {equity} is below the minimum bankroll {Limits.MinBankroll}");
                Publish(old, "below_min_bankroll");
                _notices.Freeze("below_min_bankroll");
            }
            else
            {
                _alerts.Clear("min_bankroll");
                Publish(old, "bankroll_restored");
            }
        }
    }

    /// <summary>Seeds cash and P&amp;L at start (from the venue or the journal) without triggering alerts.</summary>
    public void Initialize(Money totalNetPnl, Money dayStartNetPnl, Money cash, Money equity)
    {
        _totalNetPnl = totalNetPnl;
        _dayStartNetPnl = dayStartNetPnl;
        _cash = cash;
        _equity = equity;
    }

    /// <summary>A round trip (flat → position → flat) finished with this net P&amp;L: feeds the consecutive-loss breaker.</summary>
    public void OnRoundTrip(Money pnl)
    {
        var old = State;
        if (_breaker.OnRoundTrip(pnl)) Publish(old, "consecutive_loss_breaker");
    }

    // ───────────────────────────── operator and venue inputs ─────────────────────────────

    /// <summary>Operator halt (or resume to ACTIVE / REDUCING). Never lifts a breach, the kill switch or the bankroll halt.</summary>
    public void SetManualState(TradingState state, string reason)
    {
        var old = State;
        _manualState = state;
        if (state == TradingState.Active) _breaker.Resume();
        Publish(old, reason);
        if (state == TradingState.Halted) _notices.Freeze(reason);
    }

    /// <summary>
    /// A component that can no longer contain its own risk (an arbitrage basket it could not hedge) asks for REDUCING:
    /// applied only while the operator's state is ACTIVE — it never lifts a halt — and lifted only by an operator resume.
    /// Returns true when it changed the manual state.
    /// </summary>
    public bool RequestReducing(string reason)
    {
        if (_manualState != TradingState.Active) return false;
        var old = State;
        _manualState = TradingState.Reducing;
        Publish(old, reason);
        return true;
    }

    /// <summary>The kill-switch file appeared or disappeared. Disappearing does not resume by itself.</summary>
    public void SetKillSwitch(bool engaged)
    {
        if (engaged == _killSwitch) return;
        var old = State;
        _killSwitch = engaged;
        if (engaged)
        {
            // Whatever happens next, trading resumes only by an explicit operator action.
            _manualState = TradingState.Halted;
            _alerts.Raise("kill_switch", AlertSeverity.Critical, "kill-switch file present: HALTED");
            Publish(old, "kill_switch");
            _notices.Freeze("kill_switch");
        }
        else
        {
            _alerts.Clear("kill_switch");
            Publish(old, "kill_switch_removed");
        }
    }

    /// <summary>
    /// After a restart: the consecutive-loss breaker tripped at <paramref name="since"/> and no operator resumed since:
    /// the cool-down runs on to <c>since + LossCooldown</c> (HALTED), then REDUCING until an operator resumes. Returns
    /// true when it restricts trading now.
    /// </summary>
    public bool RestoreLossBreaker(DateTimeOffset since)
    {
        var old = State;
        if (!_breaker.Restore(since)) return false;
        Publish(old, "restored_loss_breaker");
        return true;
    }

    /// <summary>After a restart: a breach the journal recorded and nobody reset is still a breach.</summary>
    public void RestoreBreach()
    {
        if (_breached) return;
        var old = State;
        _breached = true;
        _alerts.Raise("daily_loss_breach", AlertSeverity.Critical, "daily-loss breach restored from the journal; HALTED until 'bookmaker risk reset --confirm'");
        Publish(old, "daily_loss_breached");
    }

    /// <summary>After a restart on the same trading day: the loss baseline the day started from.</summary>
    public void RestoreDayStart(Money dayStartNetPnl) => _dayStartNetPnl = dayStartNetPnl;

    /// <summary><c>risk reset --confirm</c>: clears a daily-loss breach; the day's baseline restarts from now.</summary>
    public bool ResetBreach()
    {
        if (!_breached) return false;
        var old = State;
        _breached = false;
        _dayStartNetPnl = _totalNetPnl;
        _alerts.Clear("daily_loss_breach");
        _alerts.Clear("daily_loss_warning");
        Publish(old, "breach_reset");
        return true;
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
        return _venues.Backoff.OnReject(_risk[instrument.Index].Group, _time.GetUtcNow().UtcTicks, orderCreatedAt.UtcTicks);
    }

    /// <summary>The venue accepted an order on <paramref name="instrument"/>: its market's reject backoff is over.</summary>
    public void OnOrderAccepted(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _venues.Backoff.OnAccepted(_risk[instrument.Index].Group);
    }

    /// <summary>The cause of the market's rejects may be gone (its tick was re-read): its hold ends now.</summary>
    public void LiftRejectBackoff(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _venues.Backoff.Lift(_risk[instrument.Index].Group);
    }

    /// <summary>When the market of <paramref name="instrument"/> leaves its reject backoff; null when it holds nothing.</summary>
    public DateTimeOffset? RejectBackoffUntil(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        long until = _venues.Backoff.HoldsUntil(_risk[instrument.Index].Group);
        return until > _time.GetUtcNow().UtcTicks ? new DateTimeOffset(until, TimeSpan.Zero) : null;
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

    private void Publish(TradingState old, string reason)
    {
        var now = State;
        if (now != old) _notices.StateChanged(old, now, reason);
    }

    // ───────────────────────────── the trading day ─────────────────────────────

    private void MaybeRollDay()
    {
        if (!_day.TryRoll(_time.GetUtcNow())) return;
        // Counters and the loss baseline restart; a breach halt does NOT lift (it needs an operator).
        _ordersToday = 0;
        _dayStartNetPnl = _totalNetPnl;
        _alerts.Clear("daily_loss_warning");
        DayRolled?.Invoke();
    }

    /// <summary>Raised at each day roll.</summary>
    public event Action? DayRolled;

    /// <summary>
    /// Forces the day-roll check now, publishes the end of a loss cool-down — it ends by the clock alone, and without
    /// this the journal, the order manager and every strategy would keep seeing HALTED while the gate is REDUCING — and
    /// clears the loss-breaker alert once the breaker no longer restricts trading (called by the engine's housekeeping).
    /// </summary>
    public void Tick()
    {
        MaybeRollDay();
        if (_breaker.CooldownJustEnded()) Publish(TradingState.Halted, "loss_cooldown_over");
        _breaker.ClearAlertWhenDone();
    }
}
