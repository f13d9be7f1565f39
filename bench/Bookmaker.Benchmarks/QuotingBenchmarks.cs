using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;

namespace Bookmaker.Benchmarks;

/// <summary>
/// One book update through the market maker's pure quoting core: top of book → fair price → EWMA volatility →
/// Avellaneda–Stoikov → 3-level ladder → reconciliation against six resting orders. Target: well under 5 µs, 0 B.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class QuotingBenchmarks
{
    private readonly FairPriceOptions _fair = new();
    private readonly AvellanedaStoikovOptions _as = new();
    private readonly EwmaVolatility _vol = new(EwmaVolatilityOptions.Default);
    private readonly QuoteLadder _ladder = new(new QuoteLadderOptions());
    private readonly QuoteReconciler _reconciler = new(new QuoteReconcilerOptions(PriceToleranceTicks: 1));
    private readonly Instrument _instrument = Instrument.PolymarketToken(
        "yes", Price.Parse("0.01"), new OutcomeLinks("m", "Yes", true, new InstrumentId(VenueNames.Polymarket, "no")), Quantity.FromUnits(5));
    private readonly LadderQuote[] _ladderBuf = new LadderQuote[6];
    private readonly DesiredQuote[] _desired = new DesiredQuote[6];
    private readonly RestingQuote[] _resting = new RestingQuote[6];
    private readonly ClientOrderId[] _cancels = new ClientOrderId[6];
    private readonly DesiredQuote[] _places = new DesiredQuote[6];
    private readonly BookTop[] _tops = new BookTop[64];
    private long _now;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _tops.Length; i++)
        {
            long bidCents = 45 + (i % 5);
            _tops[i] = new BookTop(Price.FromMicros(bidCents * 10_000), Quantity.FromUnits(100 + 7 * i),
                Price.FromMicros((bidCents + 2) * 10_000), Quantity.FromUnits(300 - 3 * i));
        }

        Price tick = _instrument.TickSize;
        for (int i = 0; i < 3; i++)
        {
            _resting[i] = new RestingQuote(new ClientOrderId((ulong)i + 1), Side.Buy, Price.Parse("0.46") - new Price(2 * i * tick.Raw), Quantity.FromUnits(10 * (i + 1)));
            _resting[3 + i] = new RestingQuote(new ClientOrderId((ulong)i + 4), Side.Sell, Price.Parse("0.49") + new Price(2 * i * tick.Raw), Quantity.FromUnits(10 * (i + 1)));
        }
    }

    [Benchmark]
    public int OneBookUpdateToReconciledQuotes()
    {
        _now += TimeSpan.TicksPerMillisecond * 250;
        ref readonly BookTop top = ref _tops[_i++ & 63];
        if (!FairPrice.TryCompute(top, _fair, double.NaN, out double fair)) return -1;
        _vol.Update(_now, fair);
        var q = AvellanedaStoikov.Compute(_as, fair, Quantity.FromUnits(120), _vol.VariancePerSecond, _now, 0);
        int n = _ladder.Build(q.Reservation, q.HalfSpread, Quantity.FromUnits(120), top, _instrument, _ladderBuf);
        for (int k = 0; k < n; k++)
        {
            var l = _ladderBuf[k];
            _desired[k] = new DesiredQuote(l.Side, l.Price, l.Size);
        }

        var r = _reconciler.Reconcile(_desired.AsSpan(0, n), _resting, _instrument.TickSize, _cancels, _places);
        return r.Places + r.Cancels;
    }
}
