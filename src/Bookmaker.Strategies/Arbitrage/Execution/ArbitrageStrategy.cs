using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// Complete-set and neg-risk arbitrage as an engine strategy. At start it builds one <see cref="ArbBasket"/> per
/// binary market whose YES and NO tokens are both registered (<see cref="OutcomeLinks.Complement"/>) and one per
/// neg-risk event with every one of its YES tokens (<see cref="OutcomeLinks.NegRiskEventId"/>, at least three). On every
/// book change of a leg it copies that book's top levels into the leg's baskets and asks the <see cref="ArbScanner"/>
/// (event-driven, nothing polls); found opportunities are journaled and counted, actionable ones go to the
/// <see cref="BasketExecutor"/> — one basket in flight per market or event.
/// </summary>
public sealed class ArbitrageStrategy : IStrategy
{
    private readonly Func<Instrument, ILegFeeModel> _legFee;
    private readonly ArbScanner _scanner;
    private readonly List<ArbBasket> _baskets = [];
    private (ArbBasket Basket, int Leg)[]?[] _byInstrument = [];
    private BookLevel[] _bids = [];
    private BookLevel[] _asks = [];
    private const int OwnLevelsSlack = 4;
    private IStrategyContext? _ctx;
    private Instrument?[] _complementOf = [];
    // Per instrument: engine time of our latest fill on it that its book has not yet shown an update after (0 = none).
    private long[] _unabsorbedFill = [];
    private BasketExecutor? _executor;

    /// <summary>Creates the strategy; <paramref name="legFee"/> gives each token's taker fee curve
    /// (e.g. <see cref="LegFees.Resolver"/> over the venue's Core fee models).</summary>
    public ArbitrageStrategy(ArbitrageStrategyOptions options, Func<Instrument, ILegFeeModel> legFee, string name = "arb")
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _legFee = legFee ?? throw new ArgumentNullException(nameof(legFee));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Depth, 1);
        Name = name;
        // The scanner prices BUY legs as the executor sends them: sized up for fees kept in shares, or not.
        _scanner = new ArbScanner(options.Scanner with { BuyFeesInShares = options.Executor.BuyFeesInShares });
        Metrics = new ArbMetrics(options.AlertThresholds);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The options.</summary>
    public ArbitrageStrategyOptions Options { get; }

    /// <summary>Counters and latencies.</summary>
    public ArbMetrics Metrics { get; }

    /// <summary>The baskets watched (built at start).</summary>
    public IReadOnlyList<ArbBasket> Baskets => _baskets;

    /// <summary>The executor (after start).</summary>
    public BasketExecutor Executor => _executor ?? throw new InvalidOperationException("not started");

    /// <summary>Book updates that led to an evaluation.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Binary evaluations skipped because the YES and NO books of a linked book disagreed (see
    /// <see cref="ArbitrageStrategyOptions.LinkedBinaryBooks"/>).</summary>
    public long TornViews { get; private set; }

    /// <inheritdoc />
    public void Start(IStrategyContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        _executor = new BasketExecutor(context, Options.Executor, Metrics, Name);
        // Room beyond the scanner's depth: levels that are only our own quotes drop out and deeper ones move up.
        _bids = new BookLevel[Options.Depth + OwnLevelsSlack];
        _asks = new BookLevel[Options.Depth + OwnLevelsSlack];
        BuildBaskets(context.Instruments);
        foreach (var b in _baskets) RefreshHeld(b);
        context.Note($"{{\"event\":\"arb_start\",\"baskets\":{_baskets.Count},\"tif\":\"{Options.Executor.LegTimeInForce}\"}}");
    }

    private void BuildBaskets(InstrumentRegistry registry)
    {
        var events = new Dictionary<string, List<Instrument>>(StringComparer.Ordinal);
        var eventOrder = new List<string>();
        foreach (var inst in registry.All)
        {
            if (inst.Outcome is not { IsYes: true } links) continue;
            if (links.NegRiskEventId is { } ev)
            {
                if (!events.TryGetValue(ev, out var list))
                {
                    events[ev] = list = [];
                    eventOrder.Add(ev);
                }

                list.Add(inst);
            }
            else if (registry.TryGet(links.Complement, out var no) && no.Outcome is { IsYes: false } noLinks && noLinks.Complement == inst.Id)
            {
                _baskets.Add(ArbBasket.CompleteSet(links.MarketId, Leg(inst), Leg(no), Options.Depth));
            }
        }

        foreach (var ev in eventOrder)
        {
            var yes = events[ev];
            if (yes.Count < 3)
            {
                _ctx!.Note($"{{\"event\":\"arb_skip_event\",\"event_id\":\"{ev}\",\"reason\":\"{yes.Count} outcome(s) registered; a neg-risk basket needs every outcome (>= 3)\"}}");
                continue;
            }

            _baskets.Add(ArbBasket.NegRisk(ev, yes.Select(Leg).ToArray(), Options.Depth));
        }

        var map = new List<(ArbBasket, int)>?[registry.Count];
        foreach (var b in _baskets)
        {
            for (int k = 0; k < b.LegCount; k++)
                (map[b.Leg(k).Instrument.Index] ??= []).Add((b, k));
        }

        _byInstrument = map.Select(l => l?.ToArray()).ToArray();
        _complementOf = new Instrument?[registry.Count];
        _unabsorbedFill = new long[registry.Count];
        foreach (var inst in registry.All)
        {
            if (map[inst.Index] is not null && inst.Outcome is { } links && registry.TryGet(links.Complement, out var complement))
                _complementOf[inst.Index] = complement;
        }
    }

    private ArbLegDefinition Leg(Instrument instrument) => new(instrument, _legFee(instrument), instrument.Outcome?.Outcome);

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(book);
        var ctx = _ctx;
        if (ctx is null || (uint)instrument.Index >= (uint)_byInstrument.Length) return;
        var entries = _byInstrument[instrument.Index];
        if (entries is null) return;

        // A stale book contributes no levels: the scanner then finds no edge on its baskets.
        int nb = book.IsStale ? 0 : book.CopyDepth(Side.Buy, _bids);
        int na = book.IsStale ? 0 : book.CopyDepth(Side.Sell, _asks);
        // Our own resting quotes (the market maker's) are not liquidity an arbitrage can take: buying a set from
        // ourselves gains nothing, and the venue's self-trade prevention cancels our quote and fills the leg deeper.
        RemoveOwnQuotes(ctx, instrument, _bids.AsSpan(0, nb), _asks.AsSpan(0, na));
        foreach (var (basket, leg) in entries) basket.UpdateBook(leg, _bids.AsSpan(0, nb), _asks.AsSpan(0, na));
        // An update applied after our fill was seen, and not timed before it, is the view that has absorbed the fill
        // (a simulated venue stamps the trade's book change with the fill's own instant, hence not strictly later).
        if (_unabsorbedFill[instrument.Index] != 0 && book.LastUpdateTicks >= _unabsorbedFill[instrument.Index]) _unabsorbedFill[instrument.Index] = 0;
        if (book.IsStale || !ctx.IsVenueLive(instrument) || ctx.TradingState != TradingState.Active) return;
        // A basket waiting to complete a lost leg at its price looks at every change of that leg's book.
        _executor!.OnLegBook(instrument);

        long now = ctx.Time.GetUtcNow().UtcTicks;
        var cash = ctx.Portfolio.Cash;
        foreach (var (basket, _) in entries)
        {
            if (_executor!.IsBusy(basket.Id)) continue;
            if (Options.LinkedBinaryBooks && !basket.IsNegRisk && !LinkedBooksMirror(ctx, basket))
            {
                TornViews++;
                continue;
            }

            if (!HasAbsorbedOwnFills(basket))
            {
                Metrics.RecordEchoWait();
                continue;
            }

            Evaluations++;
            _scanner.LegKillProbability = Metrics.LegKillProbability;
            if (_scanner.Evaluate(basket, cash, now, out var opportunity) != ArbScanResult.Found) continue;
            Metrics.RecordOpportunity();
            // Legs first, journal after: the note must not delay the orders (the order manager has journaled them).
            if (opportunity.Actionability == ArbActionability.Actionable) _executor.Execute(basket, opportunity);
            ctx.Note($"{{\"event\":\"arb_opportunity\",\"market\":\"{basket.Id}\",\"kind\":\"{ArbNames.Of(opportunity.Kind)}\",\"actionability\":\"{ArbNames.Of(opportunity.Actionability)}\",\"sets\":\"{opportunity.Sets}\",\"notional\":\"{opportunity.GrossNotional}\",\"fees\":\"{opportunity.Fees}\",\"profit\":\"{opportunity.Profit}\",\"edge_bps\":{opportunity.EdgeBps.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}}}");
        }
    }

    /// <summary>
    /// True when every leg's book has shown an update newer than our last fill on it. Until then the view may still
    /// show the liquidity our own basket just took (the own-fill echo): evaluated on it, a basket finds an edge that is
    /// not there, its legs are killed and it unwinds at a loss (issue 15: 20 of 22 unwinds).
    /// </summary>
    private bool HasAbsorbedOwnFills(ArbBasket basket)
    {
        for (int k = 0; k < basket.LegCount; k++)
            if (_unabsorbedFill[basket.Leg(k).Instrument.Index] != 0) return false;
        return true;
    }

    /// <summary>
    /// True when a binary basket's YES and NO books mirror each other at the top (YES ask = 1 − NO bid, YES bid =
    /// 1 − NO ask, each side present on one exactly when its mirror is), as one linked book must once both tokens'
    /// updates of a venue instant are applied.
    /// </summary>
    private static bool LinkedBooksMirror(IStrategyContext ctx, ArbBasket basket)
    {
        var yes = ctx.Book(basket.Leg(0).Instrument);
        var no = ctx.Book(basket.Leg(1).Instrument);
        if (yes.HasAsks != no.HasBids || yes.HasBids != no.HasAsks) return false;
        if (yes.HasAsks && yes.BestAsk.Price.Raw + no.BestBid.Price.Raw != FixedPoint.Scale) return false;
        return !yes.HasBids || yes.BestBid.Price.Raw + no.BestAsk.Price.Raw == FixedPoint.Scale;
    }

    /// <summary>
    /// Takes our own resting orders out of a copy of <paramref name="instrument"/>'s top levels: its own limit orders
    /// on the same side, and the complement token's on the other side at 1 − price (a binary market's YES and NO share
    /// one linked book, so a NO bid at p shows as a YES ask at 1 − p). An order still in flight, or one being cancelled,
    /// is taken out too: it may already be on the book, and understating depth only costs an opportunity. Levels left
    /// empty get size zero, which <see cref="ArbBasket.UpdateBook"/> skips.
    /// </summary>
    private void RemoveOwnQuotes(IStrategyContext ctx, Instrument instrument, Span<BookLevel> bids, Span<BookLevel> asks)
    {
        Subtract(ctx.LiveOrdersOn(instrument), mirrored: false, bids, asks);
        if ((uint)instrument.Index < (uint)_complementOf.Length && _complementOf[instrument.Index] is { } complement)
            Subtract(ctx.LiveOrdersOn(complement), mirrored: true, bids, asks);
    }

    private static void Subtract(IReadOnlyList<IOrderView> orders, bool mirrored, Span<BookLevel> bids, Span<BookLevel> asks)
    {
        for (int i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            var r = o.Request;
            if (r.Type != OrderType.Limit || r.TimeInForce is TimeInForce.Fok or TimeInForce.Fak) continue; // never rests
            var leaves = o.LeavesSize;
            if (leaves.Raw <= 0) continue;
            // Our buy rests on the bid side of its own book and on the ask side of the complement's, at 1 − price.
            bool onBids = (r.Side == Side.Buy) != mirrored;
            long px = mirrored ? FixedPoint.Scale - r.Price.Raw : r.Price.Raw;
            var levels = onBids ? bids : asks;
            for (int l = 0; l < levels.Length; l++)
            {
                if (levels[l].Price.Raw != px) continue;
                levels[l] = levels[l] with { Size = new Quantity(Math.Max(0, levels[l].Size.Raw - leaves.Raw)) };
                break;
            }
        }
    }

    /// <inheritdoc />
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    /// <inheritdoc />
    public void OnOrderChanged(IOrderView order) => _executor?.OnOrderChanged(order);

    /// <inheritdoc />
    public void OnFill(IOrderView? order, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (_ctx is not null && _ctx.Instruments.TryGet(fill.Instrument, out var inst)
            && (uint)inst.Index < (uint)_byInstrument.Length && _byInstrument[inst.Index] is { } entries)
        {
            // The leg's book must show an update after this fill before any basket on it is evaluated again. The
            // later of the venue's execution time and now: a book update applied before this fill was seen is older.
            _unabsorbedFill[inst.Index] = Math.Max(fill.Timestamp.UtcTicks, _ctx.Time.GetUtcNow().UtcTicks);
            // Holdings feed the sell-set side of the scanner.
            var held = _ctx.Portfolio.QuantityOf(fill.Instrument);
            foreach (var (basket, leg) in entries) basket.SetHeld(leg, Quantity.Max(Quantity.Zero, held));
        }

        _executor?.OnFill(order, fill);
    }

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer) => _executor?.OnTimer(timer);

    /// <inheritdoc />
    public void OnTradingState(TradingState state)
    {
    }

    /// <inheritdoc />
    public void Shutdown()
    {
        if (_ctx is null || _executor is null) return;
        int unhedged = _executor.UnhedgedLegs;
        _ctx.Note($"{{\"event\":\"arb_shutdown\",\"in_flight\":{_executor.InFlight.Count},\"unhedged_legs\":{unhedged}}}");
        if (unhedged > 0)
            _ctx.Alert(BasketExecutor.AlertUnhedged, Engine.Alerts.AlertSeverity.Critical, $"shutdown with {unhedged} unhedged arbitrage leg(s)");
    }

    /// <summary>The figures for the run summary.</summary>
    public ArbReport Report() => ArbReport.From(Metrics, _executor?.UnhedgedLegs ?? 0);

    private void RefreshHeld(ArbBasket basket)
    {
        for (int k = 0; k < basket.LegCount; k++)
            basket.SetHeld(k, Quantity.Max(Quantity.Zero, _ctx!.Portfolio.QuantityOf(basket.Leg(k).Instrument.Id)));
    }
}
