using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Values;

namespace Bookmaker.Benchmarks;

/// <summary>
/// A model's double turned into a bid and an ask on the tick (<see cref="Price.FromModelBid"/> /
/// <see cref="Price.FromModelAsk"/>), as the market maker does once per quote level. Target: a few ns, 0 B.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ModelPriceBenchmarks
{
    private readonly Price _tick = Price.Parse("0.001");
    private readonly double[] _models = new double[64];
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        // Half of them land a few ulps off a tick (sums of tick multiples), half anywhere.
        var random = new Random(7);
        for (int i = 0; i < _models.Length; i++)
            _models[i] = i % 2 == 0 ? random.Next(1, 500) * 0.001 + random.Next(1, 400) * 0.001 : random.NextDouble();
    }

    [Benchmark]
    public long BidAndAsk()
    {
        double m = _models[_i++ & 63];
        return Price.FromModelBid(m, _tick).Raw + Price.FromModelAsk(m, _tick).Raw;
    }
}
