using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Benchmarks;

/// <summary>
/// The simulated venue's matching engine on one linked YES/NO market: a steady add / cancel / match mix. Per 8
/// operations: 4 passive adds (YES bid, YES ask, NO bid, NO ask — i.e. both sides of the shared book), 2 cancels
/// of the oldest orders (some already filled: those are cancel rejects), 2 crossing FAK orders that trade
/// (normal, MINT and MERGE fills). Figures are per operation.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private const int OpsPerInvoke = 8_000;
    private const int Ring = 4096;

    private readonly long[] _ring = new long[Ring];
    private readonly int[] _ringOwner = new int[Ring];
    private MatchingEngine _engine = null!;
    private MatchEventBuffer _events = null!;
    private int _yes;
    private int _no;
    private int _ringHead;
    private int _ringTail;
    private long _step;
    private ulong _clientId;

    /// <summary>True to charge Polymarket taker fees and maker rebates (r = 0.25, e = 2) on every fill.</summary>
    [Params(false, true)]
    public bool WithFees { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var time = new SimulatedTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        _engine = new MatchingEngine(time, initialOrderCapacity: 8192);
        var yesId = new InstrumentId(Bookmaker.Core.Instruments.VenueNames.Polymarket, "YES");
        var noId = new InstrumentId(Bookmaker.Core.Instruments.VenueNames.Polymarket, "NO");
        var tick = Price.Parse("0.01");
        IFeeModel fees = WithFees ? new PolymarketFeeModel(0.25m, 2, 0.2m) : ZeroFeeModel.Instance;
        int market = _engine.AddBinaryMarket(
            Instrument.PolymarketToken("YES", tick, new OutcomeLinks("m", "Yes", true, noId)),
            Instrument.PolymarketToken("NO", tick, new OutcomeLinks("m", "No", false, yesId)), fees);
        _yes = _engine.SlotOf(yesId);
        _no = _engine.SlotOf(noId);
        for (int a = 0; a < 4; a++)
        {
            int id = _engine.OpenAccount(Money.FromUnits(1_000_000_000));
            _engine.Split(id, market, Quantity.FromUnits(400_000_000));
        }

        _events = new MatchEventBuffer(256);
        for (int i = 0; i < 20; i++) Mix(); // warm the pools, the id map and the buffer
    }

    /// <summary>Shows the book stays bounded (steady state) over the run.</summary>
    [GlobalCleanup]
    public void Report() =>
        Console.WriteLine($"// matching mix: {_step * 8} ops, {_engine.OpenOrderCount} resting orders at the end, fees {_engine.FeesCollected}");

    [Benchmark(OperationsPerInvoke = OpsPerInvoke)]
    public int Mix()
    {
        int events = 0;
        for (int i = 0; i < OpsPerInvoke / 8; i++)
        {
            long s = ++_step;
            int maker = (int)(s % 3);
            long k = 1 + s % 5; // 1..5 ticks from the 0.50 mid
            Add(maker, _yes, Side.Buy, 50 - k);
            Add(maker, _yes, Side.Sell, 50 + k);
            Add(maker, _no, Side.Buy, 50 - k);  // YES-space ask at 0.5 + k
            Add(maker, _no, Side.Sell, 50 + k); // YES-space bid at 0.5 − k
            CancelOldest();
            CancelOldest();
            bool buy = (s & 1) == 0;
            Take(_yes, buy ? Side.Buy : Side.Sell, buy ? 55 : 45);
            Take(_no, buy ? Side.Buy : Side.Sell, buy ? 55 : 45);
            events += _events.Count;
            _events.Clear();
        }

        return events;
    }

    private void Add(int account, int slot, Side side, long cents)
    {
        var order = new SimOrder(account, new ClientOrderId(++_clientId), slot, side, OrderType.Limit, TimeInForce.Gtc,
            new Price(cents * 10_000_000L), Quantity.FromUnits(10));
        long id = _engine.Submit(order, _events);
        if (id != 0)
        {
            if (((_ringTail + 1) & (Ring - 1)) == _ringHead) CancelOldest(); // ring full: never lose track of an order
            _ring[_ringTail] = id;
            _ringOwner[_ringTail] = account;
            _ringTail = (_ringTail + 1) & (Ring - 1);
        }
    }

    private void CancelOldest()
    {
        if (_ringHead == _ringTail) return;
        long id = _ring[_ringHead];
        int owner = _ringOwner[_ringHead];
        _ringHead = (_ringHead + 1) & (Ring - 1);
        _engine.Cancel(owner, id, _events); // already filled ⇒ a cancel reject, also part of real traffic
    }

    private void Take(int slot, Side side, long cents)
    {
        var order = new SimOrder(3, new ClientOrderId(++_clientId), slot, side, OrderType.Limit, TimeInForce.Fak,
            new Price(cents * 10_000_000L), Quantity.FromUnits(15));
        _engine.Submit(order, _events);
    }
}
