using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Benchmarks;

/// <summary>Fee models per fill leg (the matching engine calls one per leg).</summary>
[MemoryDiagnoser]
public class FeeBenchmarks
{
    private const int N = 1000;
    private readonly PolymarketFeeModel _polymarket = new(0.25m, 2, 0.2m);
    private readonly BybitFeeModel _bybit = BybitFeeModel.FromBps(5.5m, -0.25m);

    [Benchmark(OperationsPerInvoke = N)]
    public long PolymarketTakerThenMaker()
    {
        long sum = 0;
        for (int i = 0; i < N; i++)
        {
            var p = new Price((1 + i % 99) * 10_000_000L);
            var q = new Quantity((5 + i % 17) * 1_000_000_000L);
            sum += _polymarket.ForFill(p, q, Liquidity.Taker, Side.Buy).Fee.Raw + _polymarket.ForFill(p.Complement(), q, Liquidity.Maker, Side.Buy).Rebate.Raw;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public long PolymarketBuyHeadroom()
    {
        long sum = 0;
        for (int i = 0; i < N; i++)
            sum += _polymarket.BuyFeeHeadroom(new Price((1 + i % 99) * 10_000_000L), new Quantity((5 + i % 17) * 1_000_000_000L), Liquidity.Taker).Raw;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public long BybitTakerThenMaker()
    {
        long sum = 0;
        for (int i = 0; i < N; i++)
        {
            var p = new Price((60_000_0 + i) * 100_000_000L);
            var q = new Quantity((1 + i % 17) * 1_000_000L);
            sum += _bybit.ForFill(p, q, Liquidity.Taker, Side.Buy).Fee.Raw + _bybit.ForFill(p, q, Liquidity.Maker, Side.Sell).Rebate.Raw;
        }

        return sum;
    }
}
