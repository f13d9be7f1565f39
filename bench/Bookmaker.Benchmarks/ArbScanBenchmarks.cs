using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;

namespace Bookmaker.Benchmarks;

/// <summary>
/// One book update of a 10-outcome neg-risk event (5 ask levels per outcome, Polymarket fee curve r = 0.02, e = 1)
/// through the arbitrage scanner: copy the changed leg's levels into the basket, then evaluate the whole basket.
/// <c>NoEdge</c>: Σ asks above $1 (the common case). <c>WithEdge</c>: Σ asks under $1 — the walk crosses three level
/// segments, prices every leg exactly and reports a fresh (non-duplicate) opportunity each time. Target: ≤ 2 µs, 0 B.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ArbScanBenchmarks
{
    private const int Outcomes = 10;
    private static readonly string[] Names = ["Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jun"];
    private readonly ArbScanner _scanner = new(new ArbScannerOptions(Money.Parse("0.005"), Quantity.FromUnits(10_000), Money.FromUnits(100_000), TimeSpan.FromSeconds(5)));
    private readonly Money _cash = Money.FromUnits(50_000);
    private ArbBasket _noEdge = null!;
    private ArbBasket _withEdge = null!;
    private BookLevel[][] _noEdgeBooks = null!;
    private BookLevel[][] _edgeBooks = null!;
    private long _now;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var fee = new PolymarketLegFeeModel(0.02m, 1);
        _noEdge = Basket("e-no", fee);
        _withEdge = Basket("e-yes", fee);
        _noEdgeBooks = [Levels("0.105", 50), Levels("0.105", 49)];
        _edgeBooks = [Levels("0.09", 50), Levels("0.09", 49)];
        for (int k = 0; k < Outcomes; k++)
        {
            _noEdge.UpdateAsks(k, _noEdgeBooks[0]);
            _withEdge.UpdateAsks(k, _edgeBooks[0]);
        }
    }

    private static ArbBasket Basket(string eventId, ILegFeeModel fee)
    {
        var legs = new List<ArbLegDefinition>();
        for (int k = 0; k < Outcomes; k++)
        {
            var links = new OutcomeLinks($"{eventId}-q{k}", "Yes", true, new InstrumentId(VenueNames.Polymarket, $"{eventId}-q{k}-no"), eventId);
            legs.Add(new ArbLegDefinition(Instrument.PolymarketToken($"{eventId}-q{k}-yes", Price.Parse("0.001"), links), fee, Names[k]));
        }

        return ArbBasket.NegRisk(eventId, legs, depth: 5);
    }

    private static BookLevel[] Levels(string best, long firstSize)
    {
        var p = Price.Parse(best);
        var step = Price.Parse("0.005");
        return
        [
            new(p, Quantity.FromUnits(firstSize)),
            new(p + step, Quantity.FromUnits(50)),
            new(p + step + step, Quantity.FromUnits(100)),
            new(p + Price.Parse("0.02"), Quantity.FromUnits(200)),
            new(p + Price.Parse("0.03"), Quantity.FromUnits(300)),
        ];
    }

    [Benchmark]
    public ArbScanResult NoEdge()
    {
        int i = _i++;
        _now += TimeSpan.TicksPerMillisecond;
        _noEdge.UpdateAsks(i % Outcomes, _noEdgeBooks[(i / Outcomes) & 1]);
        return _scanner.Evaluate(_noEdge, _cash, _now, out _);
    }

    [Benchmark]
    public ArbScanResult WithEdge()
    {
        int i = _i++;
        _now += TimeSpan.TicksPerMillisecond;
        _withEdge.UpdateAsks(i % Outcomes, _edgeBooks[(i / Outcomes) & 1]);
        return _scanner.Evaluate(_withEdge, _cash, _now, out _);
    }
}
