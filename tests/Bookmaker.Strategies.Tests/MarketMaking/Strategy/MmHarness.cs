using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Strategies.MarketMaking.Strategy;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// A real engine (TradingEngine + OrderManager + RiskGate + Portfolio) on a simulated clock, with a recording execution
/// client that acknowledges submits and confirms cancels through the loop like a venue would. Books are real
/// TickLadderBooks fed by snapshots; the NO book is always the mirror of the YES book.
/// </summary>
internal sealed class MmHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private int _trade;

    public MmHarness(MarketMakerOptions options, int markets = 1, bool withRewards = false, RiskLimits? limits = null, bool crypto = false, Money? cash = null, long rewardMinSize = 5,
        string? negRiskEvent = null)
    {
        Clock = new SimulatedTimeProvider(Start);
        for (int i = 0; i < markets; i++)
        {
            var yesId = new InstrumentId(VenueNames.Polymarket, $"yes{i}");
            var noId = new InstrumentId(VenueNames.Polymarket, $"no{i}");
            Yes.Add(Registry.Add(Instrument.PolymarketToken(yesId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{i}", "Yes", true, noId, negRiskEvent), Quantity.FromUnits(5))));
            No.Add(Registry.Add(Instrument.PolymarketToken(noId.Symbol, Price.Parse("0.01"), new OutcomeLinks($"m{i}", "No", false, yesId, negRiskEvent), Quantity.FromUnits(5))));
        }

        if (crypto)
        {
            Crypto = Registry.Add(new Instrument(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"),
                Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1000000"), "bybit"));
        }

        Alerts = new AlertCenter(Clock);
        Portfolio = new PortfolioBook(Registry, cash ?? Money.FromUnits(10_000));
        Gate = new RiskGate(Registry, Portfolio, limits ?? new RiskLimits { DailyLossLimit = Money.FromUnits(10_000), MinBankroll = Money.FromUnits(1), MaxOrderNotional = Money.FromUnits(100_000) }, Clock, Alerts);
        Gate.Initialize(Money.Zero, Money.Zero, Portfolio.Cash, Portfolio.Equity);
        Loop = new EventLoop(Clock);
        Client = new AutoVenue(Loop, Clock);
        Orders = new OrderManager(Registry, new Dictionary<string, IExecutionClient> { [VenueNames.Polymarket] = Client, [VenueNames.Bybit] = Client },
            Gate, Portfolio, new NullJournal(), Alerts, Clock, new ClientOrderIdGenerator(1));
        Engine = new TradingEngine(Loop, Registry, Orders, new NullJournal(), Alerts);
        Client.Touch = id =>
        {
            var book = Engine.Book(Registry.Get(id));
            return (book.HasBids ? book.BestBid.Price : Price.Zero, book.HasAsks ? book.BestAsk.Price : Price.Zero);
        };
        var specs = new List<MarketMakerMarket>();
        foreach (var y in Yes)
            specs.Add(new MarketMakerMarket(y.Id, withRewards ? new Strategies.MarketMaking.RewardParameters(3.0, Quantity.FromUnits(rewardMinSize)) : null));
        if (Crypto is not null) specs.Add(new MarketMakerMarket(Crypto.Id));
        Strategy = new MarketMakerStrategy(options, specs);
        Engine.AddStrategy(Strategy);
    }

    public SimulatedTimeProvider Clock { get; }

    public InstrumentRegistry Registry { get; } = new();

    public List<Instrument> Yes { get; } = [];

    public List<Instrument> No { get; } = [];

    public Instrument? Crypto { get; }

    public AlertCenter Alerts { get; }

    public RiskGate Gate { get; }

    public PortfolioBook Portfolio { get; }

    public EventLoop Loop { get; }

    public AutoVenue Client { get; }

    public OrderManager Orders { get; }

    public TradingEngine Engine { get; }

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

    public void Reject(ClientOrderId id, Instrument instrument, RejectReason reason)
    {
        Engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Rejected, id, instrument.Id, null, reason, "rejected", null, null, Clock.GetUtcNow()));
        Drain();
    }

    public void Dispose() => Engine.Dispose();

    /// <summary>A venue that acknowledges every submit and confirms every cancel through the loop (FAK orders are cancelled unfilled).</summary>
    internal sealed class AutoVenue(EventLoop loop, TimeProvider clock) : IExecutionClient
    {
        public List<OrderRequest> Submitted { get; } = [];

        public List<long> SubmittedAt { get; } = [];

        /// <summary>The engine's book touch (best bid, best ask; zero when a side is empty) at the moment of each submit.</summary>
        public List<(Price Bid, Price Ask)> TouchAtSubmit { get; } = [];

        /// <summary>Reads the engine's touch for an instrument (set by the harness once the engine exists).</summary>
        public Func<InstrumentId, (Price Bid, Price Ask)>? Touch { get; set; }

        public List<ClientOrderId> Cancels { get; } = [];

        public bool AutoAck { get; set; } = true;

        public bool AutoKillImmediate { get; set; }

        /// <summary>When false, cancels are recorded but not confirmed: the order stays fillable (a fill racing its cancel)
        /// until <see cref="ConfirmCancels"/> runs.</summary>
        public bool AutoConfirmCancels { get; set; } = true;

        /// <summary>Cancels sent but not yet confirmed (with <see cref="AutoConfirmCancels"/> off).</summary>
        public List<(ClientOrderId Id, InstrumentId Instrument, string? VenueId)> UnconfirmedCancels { get; } = [];

        /// <summary>Confirms every cancel held back so far.</summary>
        public void ConfirmCancels()
        {
            foreach (var (id, instrument, venueId) in UnconfirmedCancels)
                loop.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, instrument, venueId, RejectReason.None, null, null, null, clock.GetUtcNow()));
            UnconfirmedCancels.Clear();
        }

        public int MaxBatchSize => 15;

        public void Submit(OrderRequest request)
        {
            Submitted.Add(request);
            SubmittedAt.Add(clock.GetUtcNow().UtcTicks);
            TouchAtSubmit.Add(Touch?.Invoke(request.Instrument) ?? default);
            if (!AutoAck) return;
            loop.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, request.Id, request.Instrument, $"v{request.Id.Sequence}", RejectReason.None, null, null, null, clock.GetUtcNow()));
            if (AutoKillImmediate && request.TimeInForce is TimeInForce.Fak or TimeInForce.Fok)
                loop.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, request.Id, request.Instrument, null, RejectReason.None, null, null, null, clock.GetUtcNow()));
        }

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
        {
            foreach (var r in requests) Submit(r);
        }

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
        {
            Cancels.Add(id);
            if (!AutoConfirmCancels)
            {
                UnconfirmedCancels.Add((id, instrument, venueOrderId));
                return;
            }

            loop.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, instrument, venueOrderId, RejectReason.None, null, null, null, clock.GetUtcNow()));
        }

        public void CancelAll()
        {
        }

        public void CancelMarket(string marketId)
        {
        }

        public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince)
        {
        }
    }
}
