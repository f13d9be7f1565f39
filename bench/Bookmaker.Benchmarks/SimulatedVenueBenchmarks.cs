using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.QueueModels;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Simulated-venue realism parts per event: the replay fill simulator on a recorded L2 stream (level updates and
/// trades at and around our resting quotes, probabilistic queue model), a fault decision, a latency draw. Target: 0 B.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SimulatedVenueBenchmarks : IReplayFillSink
{
    private readonly MarketDataEvent[] _events = new MarketDataEvent[256];
    private ReplayFillSimulator _sim = null!;
    private FaultInjector _faults = null!;
    private LatencyChannel _latency = null!;
    private long _now;
    private int _i;
    private long _fills;

    public void OnFill(in ReplayFill fill) => _fills += fill.Quantity.Raw;

    [GlobalSetup]
    public void Setup()
    {
        _sim = new ReplayFillSimulator(0, QueueModelSpec.Parse("power3:3"), Quantity.FromUnits(1), this);
        for (int l = 0; l < 20; l++)
        {
            _sim.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, 0, Side.Buy, Price.FromMicros((480 - l * 10) * 1000), Quantity.FromUnits(500), 0, 0, 0, 0));
            _sim.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, 0, Side.Sell, Price.FromMicros((520 + l * 10) * 1000), Quantity.FromUnits(500), 0, 0, 0, 0));
        }

        // Huge resting quotes so the loop never runs out of open size.
        for (int q = 0; q < 3; q++)
        {
            _sim.Submit(1 + q, Side.Buy, Price.FromMicros((480 - q * 10) * 1000), Quantity.FromUnits(1_000_000_000), TimeInForce.Gtc, 0);
            _sim.Submit(10 + q, Side.Sell, Price.FromMicros((520 + q * 10) * 1000), Quantity.FromUnits(1_000_000_000), TimeInForce.Gtc, 0);
        }

        var rng = new Random(1);
        for (int i = 0; i < _events.Length; i++)
        {
            int l = rng.Next(0, 4);
            bool bid = rng.Next(2) == 0;
            var price = Price.FromMicros((bid ? 480 - l * 10 : 520 + l * 10) * 1000);
            _events[i] = rng.Next(4) == 0
                ? new MarketDataEvent(MarketDataKind.Trade, 0, bid ? Side.Sell : Side.Buy, price, Quantity.FromUnits(rng.Next(1, 50)), i, 0, i, i)
                : new MarketDataEvent(MarketDataKind.LevelUpdate, 0, bid ? Side.Buy : Side.Sell, price, Quantity.FromUnits(rng.Next(100, 900)), i, 0, i, i);
        }

        _faults = new FaultInjector(FaultSpec.Parse("order.timeout=0.05,order.error=0.1,feed.drop=0.01"), 1);
        _latency = new LatencyChannel(LatencyProfile.ParseModel("lognormal:20ms:0.5"), 1);
    }

    [Benchmark(Description = "ReplayFillSimulator.OnMarketData (power3, 6 resting quotes)")]
    public long ReplayEvent()
    {
        _sim.OnMarketData(_events[_i++ & 255]);
        return _fills;
    }

    [Benchmark(Description = "FaultInjector.Decide")]
    public FaultKind FaultDecide() => _faults.Decide(FaultEndpoint.Order).Kind;

    [Benchmark(Description = "LatencyChannel.Schedule (lognormal)")]
    public long LatencySchedule() => _latency.Schedule(_now += 10_000);
}
