using System.Globalization;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Matching;
using Bookmaker.Venues.Simulated.Synthetic;

namespace Bookmaker.Venues.Simulated.Tests.Adapter;

/// <summary>
/// A simulated venue wired to a real <see cref="EventLoop"/> and <see cref="SimulationDriver"/> with a consumer that
/// records everything it is handed, in processing order.
/// </summary>
internal sealed class VenueHarness : IEventConsumer
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public VenueHarness(SimulatedVenue venue, SimulatedTimeProvider clock)
    {
        Clock = clock;
        Venue = venue;
        Loop = new EventLoop(clock);
        Loop.Attach(this);
        Driver = new SimulationDriver(Loop, clock);
    }

    public SimulatedTimeProvider Clock { get; }

    public SimulatedVenue Venue { get; }

    public EventLoop Loop { get; }

    public SimulationDriver Driver { get; }

    public List<string> Log { get; } = [];

    public List<MarketDataEvent> MarketData { get; } = [];

    public List<ExecutionReport> Reports { get; } = [];

    public List<VenueRequestFailed> Failures { get; } = [];

    public List<VenueStatusEvent> Statuses { get; } = [];

    public List<AccountSnapshot> Snapshots { get; } = [];

    public Action<VenueHarness, MarketDataEvent>? OnBook { get; set; }

    /// <summary>One binary market (tick 0.01) with an extra counterparty account holding 10,000 sets.</summary>
    public static VenueHarness OneMarket(string? faults = null, string? latency = null, SyntheticFees fees = SyntheticFees.Zero)
    {
        var clock = new SimulatedTimeProvider(Start);
        IFeeModel feeModel = fees == SyntheticFees.Crypto ? new PolymarketFeeModel(0.25m, 2) : ZeroFeeModel.Instance;
        var market = SyntheticMarketFactory.Binary(new Random(3), "t", "0.01", feeModel, "test", null);
        var options = new SimulatedVenueOptions
        {
            Seed = 11,
            Faults = FaultSpec.Parse(faults),
            Latency = latency is null ? LatencyProfile.Zero : LatencyProfile.Parse(latency),
            ResyncDelay = TimeSpan.FromSeconds(1),
        };
        var venue = new SimulatedVenue(clock, [market], options);
        var h = new VenueHarness(venue, clock);
        h.Counterparty = venue.Engine.OpenAccount(Money.FromUnits(1_000_000));
        venue.Engine.Split(h.Counterparty, 0, Quantity.FromUnits(10_000));
        return h;
    }

    public int Counterparty { get; private set; } = -1;

    public Bookmaker.Core.Instruments.Instrument Yes => Venue.Instruments[0];

    public Bookmaker.Core.Instruments.Instrument No => Venue.Instruments[1];

    public VenueHarness StartVenue()
    {
        Venue.StartAsync(Loop, CancellationToken.None).GetAwaiter().GetResult();
        Driver.RunFor(TimeSpan.Zero);
        return this;
    }

    public void Run(TimeSpan span) => Driver.RunFor(span);

    public void RunMs(double ms) => Driver.RunFor(TimeSpan.FromMilliseconds(ms));

    private ulong _nextId = 1;

    public ClientOrderId NextId() => ClientOrderId.From(1, _nextId++);

    public OrderRequest Limit(Side side, string price, int size, bool yes = true, TimeInForce tif = TimeInForce.Gtc, DateTimeOffset? expireAt = null) =>
        new(NextId(), (yes ? Yes : No).Id, side, OrderType.Limit, tif, Price.Parse(price), Quantity.FromUnits(size), ExpireAt: expireAt);

    /// <summary>A resting order of the counterparty on the YES token.</summary>
    public long AgentLimit(Side side, string price, int size, TimeInForce tif = TimeInForce.Gtc) =>
        Venue.SubmitAgentOrder(new SimOrder(Counterparty, new ClientOrderId(900_000 + _nextId++), 0, side, OrderType.Limit, tif, Price.Parse(price), Quantity.FromUnits(size)));

    public long Now => Clock.GetUtcNow().UtcTicks;

    public double MsSinceStart(DateTimeOffset t) => (t - Start).TotalMilliseconds;

    public void OnMarketData(in MarketDataEvent e)
    {
        MarketData.Add(e);
        Log.Add(string.Create(CultureInfo.InvariantCulture,
            $"{Now} md {e.Kind} {e.InstrumentIndex} {e.Side} {e.Price} {e.Size} {e.Sequence}/{e.PreviousSequence} {e.EndOfMessage} {e.Snapshot?.Bids.Count}/{e.Snapshot?.Asks.Count}"));
        OnBook?.Invoke(this, e);
    }

    public void OnExecutionReport(ExecutionReport report)
    {
        Reports.Add(report);
        Log.Add(string.Create(CultureInfo.InvariantCulture, $"{Now} er {report.Kind} {report.OrderId} {report.VenueOrderId} {report.Reason} {report.Fill?.TradeId} {report.Fill?.Price} {report.Fill?.Size} {report.Fill?.Fee} {report.LeavesSize}"));
    }

    public void OnRequestFailed(VenueRequestFailed failure)
    {
        Failures.Add(failure);
        Log.Add(string.Create(CultureInfo.InvariantCulture, $"{Now} fail {failure.Endpoint} {failure.HttpStatus} {failure.Reason} {failure.RetryAfter}"));
    }

    public void OnVenueStatus(VenueStatusEvent status)
    {
        Statuses.Add(status);
        Log.Add(string.Create(CultureInfo.InvariantCulture, $"{Now} status {status.State}"));
    }

    public void OnAccountSnapshot(AccountSnapshot snapshot)
    {
        Snapshots.Add(snapshot);
        Log.Add(string.Create(CultureInfo.InvariantCulture, $"{Now} snap {snapshot.OpenOrders.Count} {snapshot.Cash} {snapshot.FillsSince.Count}"));
    }

    public void OnTimer(in TimerEvent timer) => Log.Add(string.Create(CultureInfo.InvariantCulture, $"{Now} timer {timer.Purpose}"));

    public void OnCommand(OperatorCommand command) => Log.Add($"{Now} cmd {command.Kind}");

    public void OnFault(Exception exception, LoopActivity activity) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);

    public IEnumerable<ExecutionReport> ReportsOf(ClientOrderId id) => Reports.Where(r => r.OrderId == id);
}
