using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// The market maker as a live strategy: composes the pure quoting core (fair price, EWMA volatility, A-S, ladder,
/// complement routing, reward scoring, reconciliation, protections) over a set of markets, on the event loop.
/// </summary>
/// <remarks>
/// <para>Binary markets are quoted on the YES book view; each YES quote is routed through <see cref="ComplementRouter"/>
/// (an ask without YES inventory goes out as a NO bid at 1 − ask), and exposure is counted once as the binary net
/// delta q = YES − NO. Crypto instruments are quoted directly.</para>
/// <para>Book updates requote at most once per <see cref="MarketMakerOptions.RequoteInterval"/> per market; updates
/// in between mark the market dirty and the housekeeping tick (<see cref="MarketMakerOptions.TickInterval"/>) requotes
/// it. The tick also runs stale checks and hold-time/stop-loss unwinds without waiting for a book update.</para>
/// <para>This class only coordinates: it routes each event to the market it concerns and decides when a market is
/// requoted. The parts do the jobs: <see cref="QuotedMarkets"/> (the markets and their state), <see cref="QuoteCycle"/>
/// (one requote, in a fixed order), <see cref="QuotePlanner"/> (the ladder), <see cref="DesiredOrders"/> (routing to
/// tokens), <see cref="OrderSlots"/> (placing, cancelling, following orders), <see cref="PostOnlyRetries"/>,
/// <see cref="ForcedExit"/>, <see cref="QuietWatch"/> and <see cref="MarketInventory"/> (the ledger's inventory, read
/// only). Every order goes through <see cref="IStrategyContext.Submit"/> (the risk gate). A cycle that changes no order
/// allocates nothing: all buffers are per market and preallocated.</para>
/// See docs/market-maker.md, "Strategy host".
/// </remarks>
public sealed class MarketMakerStrategy : IStrategy
{
    /// <summary>Timer purpose of the housekeeping tick.</summary>
    public const int TimerTick = 1;

    /// <summary>Timer purpose of a post-only retry (payload: market, slot, generation).</summary>
    public const int TimerPostOnlyRetry = 2;

    /// <summary>Alert code of a market that has had no quote resting for <see cref="MarketMakerOptions.QuietAlertAfter"/> (key: the YES symbol).</summary>
    public const string NotQuotingAlert = "mm_not_quoting";

    private readonly IReadOnlyList<MarketMakerMarket> _specs;
    private readonly MarketMakerSettings _settings;
    private IStrategyContext? _ctx;
    private QuotedMarkets _markets = QuotedMarkets.None;
    private Parts? _parts;
    private TradingState _state;

    /// <summary>The strategy's name unless one is given; its orders carry it as their tag.</summary>
    public const string DefaultName = "mm";

    /// <summary>Creates the strategy; <paramref name="options"/> must be valid (see <see cref="MarketMakerOptions.Validate"/>).</summary>
    public MarketMakerStrategy(MarketMakerOptions options, IReadOnlyList<MarketMakerMarket> markets, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(markets);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid market maker options: " + string.Join("; ", errors), nameof(options));
        _specs = markets;
        _settings = new MarketMakerSettings(options);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool QuotesContinuously => true;

    /// <summary>The options in force.</summary>
    public MarketMakerOptions Options => _settings.Options;

    private IStrategyContext Ctx => _ctx ?? throw new InvalidOperationException("strategy not started");

    private Parts Started => _parts ?? throw new InvalidOperationException("strategy not started");

    private long Now => Ctx.Time.GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public void Start(IStrategyContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        _markets = QuotedMarkets.Build(context, _specs, _settings);
        _parts = Parts.Build(context, _settings, Name);
        _state = context.TradingState;
        long now = Now;
        foreach (var m in _markets.All) m.LastBookTicks = m.QuotingTicks = now;
        context.ScheduleTimer(_settings.Options.TickInterval, _settings.Options.TickInterval, TimerTick);
    }

    // ───────────────────────────── market data ─────────────────────────────

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var m = _markets.Of(instrument);
        if (m is null || !ReferenceEquals(instrument, m.Quoted)) return;
        long now = Now;
        m.LastBookTicks = now;
        var top = BookTop.Of(book);
        if (FairPrice.TryCompute(top, _settings.Fair, double.NaN, out double fair))
        {
            m.Fair = fair;
            m.Vol.Update(now, fair);
            m.Markouts.OnFairPrice(now, fair);
        }

        if (ThrottleAllows(m, now)) Started.Cycle.Run(m, now, _state);
        else m.Dirty = true;
    }

    /// <inheritdoc />
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var m = _markets.Of(instrument);
        if (m is null) return;
        var top = BookTop.Of(Ctx.Book(m.Quoted));
        if (!top.IsTwoSided) return;
        // A trade on the NO token is a trade on the YES view at 1 − price.
        double p = ReferenceEquals(instrument, m.Quoted) ? price.ToDouble() : 1.0 - price.ToDouble();
        m.Intensity.Record(timeTicks, p, top.Mid);
    }

    private bool ThrottleAllows(MarketState m, long now) =>
        m.LastRequoteTicks == long.MinValue || now - m.LastRequoteTicks >= _settings.RequoteTicks;

    // ───────────────────────────── orders ─────────────────────────────

    /// <inheritdoc />
    public void OnOrderChanged(IOrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var m = _markets.Of(Ctx.Instruments, order.Instrument);
        if (m is null) return;
        int slot = m.FindSlot(order.Id);
        if (slot < 0) return;
        if (OrderSlots.Follow(m, slot, order)) Started.Retries.Schedule(m, slot, order.Request.Price);
    }

    /// <inheritdoc />
    public void OnFill(IOrderView? order, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var m = _markets.Of(Ctx.Instruments, fill.Instrument);
        if (m is null) return;
        // The position itself is the ledger's (the portfolio applied this fill before we hear of it); the markouts
        // want the fill in YES terms: a NO buy is a YES sell at 1 − price, and the reverse.
        bool onQuoted = fill.Instrument == m.Quoted.Id;
        bool yesBuy = (fill.Side == Side.Buy) == onQuoted;
        Price yesPrice = onQuoted ? fill.Price : fill.Price.Complement();
        m.Markouts.RecordFill(Now, yesBuy ? Side.Buy : Side.Sell, yesPrice, fill.Size);
        m.Dirty = true;
    }

    // ───────────────────────────── timers and state ─────────────────────────────

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose == TimerTick) Housekeeping();
        else if (timer.Purpose == TimerPostOnlyRetry) Started.Retries.Fire(timer.Payload, _markets.All, _state);
    }

    private void Housekeeping()
    {
        long now = Now;
        var stale = _settings.Stale;
        foreach (var m in _markets.All)
        {
            var d = Protections.StaleGuard.Evaluate(stale, now, m.LastBookTicks, Ctx.IsVenueLive(m.Quoted));
            if (!d.IsClear)
            {
                SetPulled(m, d.Reason == Protections.ProtectionReason.VenueNotLive ? ActiveProtections.VenueDown : ActiveProtections.Stale);
                Started.Slots.Pull(m);
                m.Dirty = true;
            }
            else
            {
                // Due: changed, or holding inventory (hold time and stop loss act without book updates), or the
                // inventory its quotes were built on is gone (a basket completed in another market of the event).
                long q = Started.Inventory.NetDelta(m).Raw;
                bool due = m.Dirty || q != 0 || q != m.QuotedInventoryRaw || (m.PausedUntilTicks != 0 && now >= m.PausedUntilTicks);
                if (due && ThrottleAllows(m, now)) Started.Cycle.Run(m, now, _state);
            }

            Started.Quiet.Check(m, now, _state);
        }
    }

    /// <inheritdoc />
    public void OnTradingState(TradingState state)
    {
        _state = state;
        long now = Now;
        foreach (var m in _markets.All)
        {
            if (state == TradingState.Halted)
            {
                SetPulled(m, ActiveProtections.Halted);
                Started.Slots.Pull(m);
            }

            m.Dirty = true;
            if (state != TradingState.Halted && ThrottleAllows(m, now)) Started.Cycle.Run(m, now, _state);
        }
    }

    /// <inheritdoc />
    public void Shutdown()
    {
        foreach (var m in _markets.All) Started.Slots.Pull(m);
    }

    /// <summary>Builds a report of every market (allocates; for the terminal view and summaries, not the hot path).</summary>
    public MarketMakerReport Report() => MarketMakerReport.Of(_markets.All, _parts?.Inventory);

    private static void SetPulled(MarketState m, ActiveProtections why) =>
        m.Active = (m.Active & (ActiveProtections.Halted | ActiveProtections.MarkoutPause)) | why;

    /// <summary>The parts the strategy coordinates, built at start because they act through the context.</summary>
    private sealed record Parts(MarketInventory Inventory, OrderSlots Slots, PostOnlyRetries Retries, QuoteCycle Cycle, QuietWatch Quiet)
    {
        public static Parts Build(IStrategyContext context, MarketMakerSettings settings, string name)
        {
            var inventory = new MarketInventory(context);
            var slots = new OrderSlots(context, settings, inventory, name);
            var cycle = new QuoteCycle(context, settings, inventory, new QuotePlanner(settings), new DesiredOrders(context, settings, inventory),
                slots, new ForcedExit(context, settings, slots, inventory));
            return new Parts(inventory, slots, new PostOnlyRetries(context, settings, slots, name), cycle, new QuietWatch(context, settings.Options, inventory));
        }
    }
}
