using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using Bookmaker.Strategies.MarketMaking.Strategy;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// A real engine built the production way (<see cref="EngineKit"/>: EngineHost with its default settings) on a simulated
/// clock, with a scripted venue that acknowledges submits and confirms cancels through the loop like a venue would. Books are real
/// TickLadderBooks fed by snapshots; the NO book is always the mirror of the YES book.
/// </summary>
internal sealed class MmHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private int _trade;

    public MmHarness(MarketMakerOptions options, int markets = 1, bool withRewards = false, RiskLimits? limits = null, bool crypto = false, Money? cash = null, long rewardMinSize = 5,
        string? negRiskEvent = null, Core.Fees.IFeeModel? fees = null, bool answersSnapshots = false, InstrumentKind cryptoKind = InstrumentKind.LinearPerpetual)
    {
        Clock = new SimulatedTimeProvider(Start);
        var tokens = new List<Instrument>();
        for (int i = 0; i < markets; i++)
        {
            var yesId = new InstrumentId(VenueNames.Polymarket, $"yes{i}");
            var noId = new InstrumentId(VenueNames.Polymarket, $"no{i}");
            var yes = Instrument.PolymarketToken(yesId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{i}", "Yes", true, noId, negRiskEvent), Quantity.FromUnits(5));
            var no = Instrument.PolymarketToken(noId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{i}", "No", false, yesId, negRiskEvent), Quantity.FromUnits(5));
            Yes.Add(yes);
            No.Add(no);
            tokens.Add(yes);
            tokens.Add(no);
        }

        // A venue that answers snapshots keeps the engine waiting at start until the test delivers one (SnapshotRequests).
        Client = new ScriptedExecution(Clock) { AnswersAccountSnapshots = answersSnapshots };
        var venues = new List<IVenueAdapter> { new ScriptedVenue(VenueNames.Polymarket, tokens, Client) };
        if (crypto)
        {
            Crypto = new Instrument(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), cryptoKind, 1, Price.Parse("0.1"),
                Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1000000"), "bybit");
            venues.Add(new ScriptedVenue(VenueNames.Bybit, [Crypto], Client));
        }

        Host = EngineKit.Create(Clock, venues, new EngineHostOptions
        {
            Risk = limits ?? new RiskLimits { DailyLossLimit = Money.FromUnits(10_000), MinBankroll = Money.FromUnits(1), MaxOrderNotional = Money.FromUnits(100_000) },
            InitialCash = cash ?? Money.FromUnits(10_000),
        });
        Client.Touch = id =>
        {
            var book = Engine.Book(Registry.Get(id));
            return (book.HasBids ? book.BestBid.Price : Price.Zero, book.HasAsks ? book.BestAsk.Price : Price.Zero);
        };
        var specs = new List<MarketMakerMarket>();
        foreach (var y in Yes)
            specs.Add(new MarketMakerMarket(y.Id, withRewards ? new Strategies.MarketMaking.RewardParameters(3.0, Quantity.FromUnits(rewardMinSize)) : null, fees));
        if (Crypto is not null) specs.Add(new MarketMakerMarket(Crypto.Id, Fees: fees));
        Strategy = new MarketMakerStrategy(options, specs);
        Host.AddStrategy(Strategy);
        EngineKit.StartVenues(Host);
    }

    /// <summary>The engine as production builds it.</summary>
    public EngineHost Host { get; }

    public SimulatedTimeProvider Clock { get; }

    public InstrumentRegistry Registry => Engine.Instruments;

    public List<Instrument> Yes { get; } = [];

    public List<Instrument> No { get; } = [];

    public Instrument? Crypto { get; }

    public AlertCenter Alerts => Engine.Alerts;

    public RiskGate Gate => Engine.Gate;

    public PortfolioBook Portfolio => Engine.Portfolio;

    public EventLoop Loop => Host.Loop;

    public ScriptedExecution Client { get; }

    public OrderManager Orders => Engine.Orders;

    public TradingEngine Engine => Host.Engine;

    public MarketMakerStrategy Strategy { get; }

    public long NowTicks => Clock.GetUtcNow().UtcTicks;

    /// <summary>Sets the YES book (best levels first) and its NO mirror; the strategy sees the YES update.</summary>
    public void Book(int market, string bid, long bidSize, string ask, long askSize) =>
        Book(market, [(bid, bidSize)], [(ask, askSize)]);

    public void Book(int market, (string Price, long Size)[] bids, (string Price, long Size)[] asks)
    {
        var yes = new BookSnapshot();
        var no = new BookSnapshot();
        foreach (var (p, s) in bids)
        {
            yes.Bids.Add(new BookLevel(Price.Parse(p), Quantity.FromUnits(s)));
            no.Asks.Add(new BookLevel(Price.Parse(p).Complement(), Quantity.FromUnits(s)));
        }

        foreach (var (p, s) in asks)
        {
            yes.Asks.Add(new BookLevel(Price.Parse(p), Quantity.FromUnits(s)));
            no.Bids.Add(new BookLevel(Price.Parse(p).Complement(), Quantity.FromUnits(s)));
        }

        Snapshot(No[market], no);
        Snapshot(Yes[market], yes);
        Drain();
    }

    public void Snapshot(Instrument instrument, BookSnapshot snapshot) =>
        Engine.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, instrument.Index, Side.Buy, default, default, 0, 0, NowTicks, NowTicks, true, snapshot));

    public void Trade(Instrument instrument, Side aggressor, string price, long size) =>
        Engine.OnMarketData(new MarketDataEvent(MarketDataKind.Trade, instrument.Index, aggressor, Price.Parse(price), Quantity.FromUnits(size), 0, 0, NowTicks, NowTicks));

    public void Drain() => Loop.DrainPending();

    public void Advance(TimeSpan span) => new SimulationDriver(Loop, Clock).RunFor(span);

    /// <summary>Our live orders on an instrument (not pending cancel).</summary>
    public List<Order> Resting(Instrument instrument) =>
        [.. Orders.LiveOrders.Where(o => o.Instrument == instrument.Id && o.Status != OrderStatus.PendingCancel)];

    /// <summary>Fills (part of) one of our orders at its limit price.</summary>
    public void Fill(Order order, long size, string? price = null, Liquidity liquidity = Liquidity.Maker)
    {
        var fill = new Fill($"t{++_trade}", order.Id, order.Instrument, order.Side, price is null ? order.Request.Price : Price.Parse(price),
            Quantity.FromUnits(size), Money.Zero, Money.Zero, liquidity, Clock.GetUtcNow());
        Engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, order.Id, order.Instrument, null, RejectReason.None, null, fill, null, Clock.GetUtcNow()));
        Drain();
    }

    /// <summary>Gives the portfolio a position by buying at <paramref name="price"/> through a real order.</summary>
    public void Acquire(Instrument instrument, long size, string price)
    {
        var id = Orders.NextId();
        var request = new OrderRequest(id, instrument.Id, Side.Buy, OrderType.Limit, TimeInForce.Fak, Price.Parse(price), Quantity.FromUnits(size), Tag: "setup");
        Assert.True(Orders.Submit(request).Sent, "setup order denied");
        Fill(Orders.Find(id)!, size);
    }

    /// <summary>Gives the portfolio a short position by selling at <paramref name="price"/> through a real order (derivatives).</summary>
    public void Short(Instrument instrument, string size, string price)
    {
        var id = Orders.NextId();
        var request = new OrderRequest(id, instrument.Id, Side.Sell, OrderType.Limit, TimeInForce.Fak, Price.Parse(price), Quantity.Parse(size), Tag: "setup");
        Assert.True(Orders.Submit(request).Sent, "setup order denied");
        var order = Orders.Find(id)!;
        var fill = new Fill($"t{++_trade}", order.Id, order.Instrument, order.Side, order.Request.Price, order.Request.Size, Money.Zero, Money.Zero,
            Liquidity.Taker, Clock.GetUtcNow());
        Engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, order.Id, order.Instrument, null, RejectReason.None, null, fill, null, Clock.GetUtcNow()));
        Drain();
    }

    public void Reject(ClientOrderId id, Instrument instrument, RejectReason reason)
    {
        Engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Rejected, id, instrument.Id, null, reason, "rejected", null, null, Clock.GetUtcNow()));
        Drain();
    }

    public void Dispose() => Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
