using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Alerts;

/// <summary>
/// A real engine built the production way (<see cref="EngineKit"/>: the kernel, order manager, risk gate, portfolio and
/// operational watches) on a simulated clock, with a recording venue that answers nothing by itself: tests play the venue's answers through the loop.
/// </summary>
internal sealed class WatchFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private long _bookSeq;

    public WatchFixture(OperationalWatchOptions? watch = null, RiskLimits? limits = null)
    {
        var noId = new InstrumentId(Venue, "no");
        Yes = new Instrument(new InstrumentId(Venue, "yes"), InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"),
            Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m", "Yes", true, noId));
        Host = EngineKit.Start(Clock, [new ScriptedVenue(Venue, [Yes], Client)],
            new EngineHostOptions { Risk = limits ?? new RiskLimits(), Watch = watch ?? new OperationalWatchOptions() });
        Engine.Portfolio.SetMark(Yes, Price.Parse("0.5"));
        // The start-up reconciliation request is the kit's, not the test's.
        Client.SnapshotRequests.Clear();
    }

    /// <summary>The engine as production builds it.</summary>
    public EngineHost Host { get; }

    public static string Venue => VenueNames.Simulated;

    public SimulatedTimeProvider Clock { get; } = new(Start);

    public InstrumentRegistry Registry => Engine.Instruments;

    public Instrument Yes { get; }

    public AlertCenter Alerts => Engine.Alerts;

    public RiskGate Gate => Engine.Gate;

    public RecordingExecutionClient Client { get; } = new();

    public TradingEngine Engine => Host.Engine;

    public OrderManager Orders => Engine.Orders;

    public void Dispose() => Host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Runs simulated time forward (housekeeping ticks every 250 ms).</summary>
    public void Run(TimeSpan span) => new SimulationDriver(Engine.Loop, Clock).RunFor(span);

    /// <summary>Processes what is queued now.</summary>
    public void Drain() => Engine.Loop.DrainPending();

    /// <summary>The active alert with this code and key, or null.</summary>
    public Alert? Active(string code, string key = "") => Alerts.Active.FirstOrDefault(a => a.Code == code && a.Key == key);

    /// <summary>Sends a resting bid (tagged <paramref name="tag"/>) and lets the venue accept it.</summary>
    public ClientOrderId RestingBid(string price = "0.49", string? tag = null)
    {
        var outcome = Orders.Submit(new OrderRequest(default, Yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.FromUnits(10), Tag: tag));
        Assert.True(outcome.Sent, outcome.Decision.Code);
        Report(ExecutionReportKind.Accepted, outcome.Id);
        return outcome.Id;
    }

    /// <summary>A report from the venue about one of our orders, through the loop.</summary>
    public void Report(ExecutionReportKind kind, ClientOrderId id, RejectReason reason = RejectReason.None, string? text = null)
    {
        Engine.Loop.OnExecutionReport(new ExecutionReport(kind, id, Yes.Id, "v-" + id, reason, text, null, null, Clock.GetUtcNow()));
        Drain();
    }

    /// <summary>The venue fills the whole of one of our (10-share) bids at its price.</summary>
    public void Filled(ClientOrderId id)
    {
        var order = Orders.Find(id)!;
        var fill = new Fill("t-" + id, id, Yes.Id, Side.Buy, order.Request.Price, order.Request.Size, Money.Zero, Money.Zero, Liquidity.Maker, Clock.GetUtcNow());
        Engine.Loop.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, id, Yes.Id, "v-" + id, RejectReason.None, null, fill, Quantity.Zero, Clock.GetUtcNow()));
        Drain();
    }

    /// <summary>A whole request failing at the venue, through the loop.</summary>
    public void Fail(VenueEndpoint endpoint, int status, RejectReason reason, TimeSpan? retryAfter = null, params ClientOrderId[] orders)
    {
        Engine.Loop.OnRequestFailed(new VenueRequestFailed(Venue, endpoint, status, reason, "scripted", orders, Clock.GetUtcNow(), retryAfter));
        Drain();
    }

    /// <summary>A venue status change, through the loop.</summary>
    public void Status(VenueState state, TimeSpan? retryAfter = null)
    {
        Engine.Loop.OnVenueStatus(new VenueStatusEvent(Venue, state, Clock.GetUtcNow(), retryAfter, "scripted"));
        Drain();
    }

    /// <summary>A complete (empty) account snapshot: a query the venue answered.</summary>
    public void Snapshot()
    {
        Engine.Loop.OnAccountSnapshot(new AccountSnapshot(Venue, 0, Clock.GetUtcNow(), true,
            Orders.LiveOrders.Select(o => new VenueOpenOrder(o.Id, "v-" + o.Id, o.Instrument, o.Side, o.Request.Price, o.Request.Size, Quantity.Zero)).ToList(),
            Engine.Portfolio.Cash, new Dictionary<InstrumentId, Quantity>(), []));
        Drain();
    }

    /// <summary>A book update received now, stamped <paramref name="venueAge"/> earlier by the venue's clock.</summary>
    public void MarketData(TimeSpan venueAge = default)
    {
        long now = Clock.GetUtcNow().UtcTicks;
        var snapshot = new BookSnapshot { Sequence = ++_bookSeq };
        snapshot.Bids.Add(new BookLevel(Price.Parse("0.48"), Quantity.FromUnits(100)));
        snapshot.Asks.Add(new BookLevel(Price.Parse("0.52"), Quantity.FromUnits(100)));
        Engine.Loop.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, Yes.Index, Side.Buy, Price.Zero, Quantity.Zero, _bookSeq, 0,
            now - venueAge.Ticks, now, true, snapshot));
        Drain();
    }
}

/// <summary>A strategy that does nothing by itself; tests act through its context.</summary>
internal sealed class IdleStrategy(string name, bool quotesContinuously) : IStrategy
{
    public IStrategyContext? Context { get; private set; }

    public string Name => name;

    public bool QuotesContinuously => quotesContinuously;

    public void Start(IStrategyContext context) => Context = context;

    public void OnBook(Instrument instrument, IOrderBookView book)
    {
    }

    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    public void OnOrderChanged(IOrderView order)
    {
    }

    public void OnFill(IOrderView? order, Fill fill)
    {
    }

    public void OnTimer(in TimerEvent timer)
    {
    }

    public void OnTradingState(TradingState state)
    {
    }

    public void Shutdown()
    {
    }
}
