using System.Globalization;
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
/// <para>Every order goes through <see cref="IStrategyContext.Submit"/> (the risk gate). A cycle that changes no order
/// allocates nothing: all buffers are per market and preallocated.</para>
/// See docs/market-maker.md, "Strategy host".
/// </remarks>
public sealed partial class MarketMakerStrategy : IStrategy
{
    /// <summary>Timer purpose of the housekeeping tick.</summary>
    public const int TimerTick = 1;

    /// <summary>Timer purpose of a post-only retry (payload: market, slot, generation).</summary>
    public const int TimerPostOnlyRetry = 2;

    /// <summary>Alert code of a market that has had no quote resting for <see cref="MarketMakerOptions.QuietAlertAfter"/> (key: the YES symbol).</summary>
    public const string NotQuotingAlert = "mm_not_quoting";

    private readonly MarketMakerOptions _options;
    private readonly IReadOnlyList<MarketMakerMarket> _specs;
    private readonly QuoteLadder _ladder;
    private readonly QuoteReconciler _reconciler;
    private readonly bool _postOnly;

    // Effective options resolved once: the records' "?? new()" / "?? Parse" defaults must not run per book update.
    private readonly FairPriceOptions _fair;
    private readonly ComplementRouterOptions _router;
    private readonly Protections.StaleGuardOptions _stale;
    private readonly Protections.StopLossGuardOptions _stop;
    private readonly Protections.EdgeGuardOptions _edge;
    private readonly Protections.PostOnlyRetryOptions _retry;
    // Null when markets resolve their own terms (options.PerMarket): each market's are set at its first two-sided book.
    private readonly MarketQuoteTerms? _sharedTerms;
    private readonly int _decisionHorizon;
    private readonly long _requoteTicks;
    private IStrategyContext? _ctx;
    private MarketState[] _markets = [];
    private int[] _marketByInstrument = [];
    private TradingState _state;

    /// <summary>Creates the strategy; <paramref name="options"/> must be valid (see <see cref="MarketMakerOptions.Validate"/>).</summary>
    public MarketMakerStrategy(MarketMakerOptions options, IReadOnlyList<MarketMakerMarket> markets, string name = "mm")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(markets);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid market maker options: " + string.Join("; ", errors), nameof(options));
        _options = options;
        _specs = markets;
        _ladder = new QuoteLadder(options.LadderOptions);
        _reconciler = new QuoteReconciler(options.ReconcilerOptions);
        _postOnly = options.LadderOptions.PostOnly;
        _fair = options.FairOptions;
        _router = options.RouterOptions;
        _stale = new(options.StaleOptions.MaxAge);
        _stop = new(options.StopLossOptions.Loss, options.StopLossOptions.MaxAdverseMovePercent);
        _edge = options.EdgeOptions;
        _retry = options.PostOnlyOptions with { InitialBackoff = options.PostOnlyOptions.Backoff };
        _sharedTerms = options.PerMarket is null ? new MarketQuoteTerms(options) : null;
        _decisionHorizon = options.MarkoutOptions.DecisionHorizon;
        _requoteTicks = options.RequoteInterval.Ticks;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool QuotesContinuously => true;

    /// <summary>The options in force.</summary>
    public MarketMakerOptions Options => _options;

    private IStrategyContext Ctx => _ctx ?? throw new InvalidOperationException("strategy not started");

    private long Now => Ctx.Time.GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public void Start(IStrategyContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        var registry = context.Instruments;
        _marketByInstrument = new int[registry.Count];
        Array.Fill(_marketByInstrument, -1);
        _markets = new MarketState[_specs.Count];
        for (int i = 0; i < _specs.Count; i++)
        {
            var spec = _specs[i];
            var quoted = registry.Get(spec.Quoted);
            Instrument? complement = null;
            if (quoted.Outcome is { } links)
            {
                if (!links.IsYes) throw new ArgumentException($"{spec.Quoted} is not a YES token; quote markets on their YES token", nameof(context));
                complement = registry.Get(links.Complement);
            }

            if (_marketByInstrument[quoted.Index] >= 0) throw new ArgumentException($"market {spec.Quoted} listed twice", nameof(context));
            _markets[i] = new MarketState(i, spec, quoted, complement, _options, _ladder.MaxQuotes) { Terms = _sharedTerms };
            _marketByInstrument[quoted.Index] = i;
            if (complement is not null) _marketByInstrument[complement.Index] = i;
        }

        foreach (var m in _markets) m.EventMarkets = EventMarketsOf(registry, m.Quoted);
        _state = context.TradingState;
        long now = Now;
        foreach (var m in _markets) m.LastBookTicks = m.QuotingTicks = now;
        context.ScheduleTimer(_options.TickInterval, _options.TickInterval, TimerTick);
    }

    private static string[]? EventMarketsOf(InstrumentRegistry registry, Instrument quoted)
    {
        if (quoted.Outcome is not { NegRiskEventId: { } eventId }) return null;
        var markets = registry.All
            .Where(i => i.Outcome is { IsYes: true } o && string.Equals(o.NegRiskEventId, eventId, StringComparison.Ordinal))
            .Select(i => i.Outcome!.MarketId)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return markets.Length >= 3 ? markets : null;
    }

    /// <summary>The market state of an instrument (YES or NO token), or null when it is not one of ours.</summary>
    private MarketState? MarketOf(Instrument instrument)
    {
        int i = instrument.Index;
        if ((uint)i >= (uint)_marketByInstrument.Length) return null;
        int m = _marketByInstrument[i];
        return m < 0 ? null : _markets[m];
    }

    private MarketState? MarketOf(InstrumentId id) =>
        Ctx.Instruments.TryGet(id, out var instrument) ? MarketOf(instrument) : null;

    // ───────────────────────────── market data ─────────────────────────────

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var m = MarketOf(instrument);
        if (m is null || !ReferenceEquals(instrument, m.Quoted)) return;
        long now = Now;
        m.LastBookTicks = now;
        var top = TopOf(book);
        if (FairPrice.TryCompute(top, _fair, double.NaN, out double fair))
        {
            m.Fair = fair;
            m.Vol.Update(now, fair);
            m.Markouts.OnFairPrice(now, fair);
        }

        if (ThrottleAllows(m, now)) Requote(m, now);
        else m.Dirty = true;
    }

    /// <inheritdoc />
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var m = MarketOf(instrument);
        if (m is null) return;
        var top = TopOf(Ctx.Book(m.Quoted));
        if (!top.IsTwoSided) return;
        // A trade on the NO token is a trade on the YES view at 1 − price.
        double p = ReferenceEquals(instrument, m.Quoted) ? price.ToDouble() : 1.0 - price.ToDouble();
        m.Intensity.Record(timeTicks, p, top.Mid);
    }

    private static BookTop TopOf(IOrderBookView book)
    {
        if (book.IsStale) return default;
        var bid = book.HasBids ? book.BestBid : default;
        var ask = book.HasAsks ? book.BestAsk : default;
        return new BookTop(bid.Price, bid.Size, ask.Price, ask.Size);
    }

    private bool ThrottleAllows(MarketState m, long now) =>
        m.LastRequoteTicks == long.MinValue || now - m.LastRequoteTicks >= _requoteTicks;

    // ───────────────────────────── timers and state ─────────────────────────────

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose == TimerTick) Housekeeping();
        else if (timer.Purpose == TimerPostOnlyRetry) FireRetry(timer.Payload);
    }

    private void Housekeeping()
    {
        long now = Now;
        var stale = _stale;
        foreach (var m in _markets)
        {
            var d = Protections.StaleGuard.Evaluate(stale, now, m.LastBookTicks, Ctx.IsVenueLive(m.Quoted));
            if (!d.IsClear)
            {
                SetPulled(m, d.Reason == Protections.ProtectionReason.VenueNotLive ? ActiveProtections.VenueDown : ActiveProtections.Stale);
                Pull(m);
                m.Dirty = true;
            }
            else
            {
                // Due: changed, or holding inventory (hold time and stop loss act without book updates), or the
                // inventory its quotes were built on is gone (a basket completed in another market of the event).
                long q = NetDelta(m).Raw;
                bool due = m.Dirty || q != 0 || q != m.QuotedInventoryRaw || (m.PausedUntilTicks != 0 && now >= m.PausedUntilTicks);
                if (due && ThrottleAllows(m, now)) Requote(m, now);
            }

            WatchQuiet(m, now);
        }
    }

    /// <summary>
    /// Nothing stops silently: a market with no quote of ours resting for <see cref="MarketMakerOptions.QuietAlertAfter"/>
    /// raises <see cref="NotQuotingAlert"/> naming the market, why (its active protections, a stale local book, denials,
    /// or no quote fitting) and its inventory; the alert clears when the market quotes again. Time HALTED or in a
    /// markout pause does not count: those raise their own alerts. Allocates only when the alert is raised or cleared.
    /// </summary>
    private void WatchQuiet(MarketState m, long now)
    {
        bool quoting = m.HasQuote();
        if (quoting && m.QuietAlerted)
        {
            m.QuietAlerted = false;
            Ctx.ClearAlert(NotQuotingAlert, m.Quoted.Id.Symbol);
        }

        if (quoting || _state == TradingState.Halted || (m.Active & ActiveProtections.MarkoutPause) != 0)
        {
            m.QuotingTicks = now;
            m.DenialsWhenQuoting = m.Denials;
            return;
        }

        if (m.QuietAlerted || now - m.QuotingTicks < _options.QuietAlertAfter.Ticks) return;
        m.QuietAlerted = true;
        long seconds = (now - m.QuotingTicks) / TimeSpan.TicksPerSecond;
        Ctx.Alert(NotQuotingAlert, Engine.Alerts.AlertSeverity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"{m.Quoted.Id}: no quote for {seconds} s: {QuietReason(m)}; inventory {NetDelta(m)}"),
            m.Quoted.Id.Symbol);
    }

    /// <summary>Why a market is not quoting, as far as the strategy can tell.</summary>
    private string QuietReason(MarketState m)
    {
        var reasons = new List<string>(3);
        if (m.Active != ActiveProtections.None) reasons.Add("protections " + m.Active);
        if (Ctx.Book(m.Quoted).IsStale) reasons.Add("local book stale, awaiting a snapshot");
        if (m.Denials > m.DenialsWhenQuoting) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Denials - m.DenialsWhenQuoting} orders denied, last {m.LastDenial}"));
        if (reasons.Count == 0) reasons.Add("no quote fits (cash, tokens, inventory room or price bounds)");
        return string.Join("; ", reasons);
    }

    /// <inheritdoc />
    public void OnTradingState(TradingState state)
    {
        _state = state;
        long now = Now;
        foreach (var m in _markets)
        {
            if (state == TradingState.Halted)
            {
                SetPulled(m, ActiveProtections.Halted);
                Pull(m);
            }

            m.Dirty = true;
            if (state != TradingState.Halted && ThrottleAllows(m, now)) Requote(m, now);
        }
    }

    /// <inheritdoc />
    public void Shutdown()
    {
        foreach (var m in _markets) Pull(m);
    }

    private static void SetPulled(MarketState m, ActiveProtections why) =>
        m.Active = (m.Active & (ActiveProtections.Halted | ActiveProtections.MarkoutPause)) | why;
}
