using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Book = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Benchmarks;

/// <summary>Order state machine and portfolio accounting on the fill path.</summary>
[MemoryDiagnoser]
public class OrderAndPortfolioBenchmarks
{
    private const int FillCount = 1000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly InstrumentId _yes = new(VenueNames.Polymarket, "yes");
    private readonly InstrumentId _no = new(VenueNames.Polymarket, "no");
    private InstrumentRegistry _registry = null!;
    private OrderRequest _request = null!;
    private Fill _fill1 = null!;
    private Fill _fill2 = null!;
    private Fill[] _fills = null!;
    private Book _marked = null!;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new InstrumentRegistry();
        _registry.Add(Instrument.PolymarketToken("yes", Price.Parse("0.01"), new OutcomeLinks("m", "Yes", true, _no)));
        _registry.Add(Instrument.PolymarketToken("no", Price.Parse("0.01"), new OutcomeLinks("m", "No", false, _yes)));
        var id = ClientOrderId.From(1, 1);
        _request = new OrderRequest(id, _yes, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.40"), Quantity.Parse("10"));
        _fill1 = new Fill("t1", id, _yes, Side.Buy, Price.Parse("0.40"), Quantity.Parse("4"), Money.Zero, Money.Parse("0.001"), Liquidity.Maker, T0);
        _fill2 = new Fill("t2", id, _yes, Side.Buy, Price.Parse("0.40"), Quantity.Parse("6"), Money.Zero, Money.Parse("0.001"), Liquidity.Maker, T0);
        _fills = new Fill[FillCount];
        for (int i = 0; i < FillCount; i++)
        {
            // Alternating buys and sells of varying size on both legs: adds, partial closes and flips.
            var side = i % 2 == 0 ? Side.Buy : Side.Sell;
            _fills[i] = new Fill($"f{i}", ClientOrderId.From(1, (ulong)i + 2), i % 3 == 0 ? _no : _yes, side,
                new Price((10 + i % 80) * 10_000_000L), new Quantity((1 + i % 37) * 10_000_000L), Money.FromMicros(i % 50), Money.Zero,
                Liquidity.Taker, T0.AddSeconds(i));
        }

        _marked = new Book(_registry, Money.FromUnits(1000));
        foreach (var f in _fills) _marked.ApplyFill(f);
        _marked.SetMark(_yes, Price.Parse("0.55"));
        _marked.SetMark(_no, Price.Parse("0.44"));
    }

    /// <summary>A new order acknowledged and filled in two trades (allocates the order and its fill list).</summary>
    [Benchmark]
    public OrderStatus OrderAckAndTwoFills()
    {
        var order = new Order(_request, T0);
        order.ApplyAccepted("0xabc", T0);
        order.ApplyFill(_fill1);
        order.ApplyFill(_fill2);
        return order.Status;
    }

    /// <summary>Portfolio.ApplyFill per fill, including the amortised growth of dedup set and fill history.</summary>
    [Benchmark(OperationsPerInvoke = FillCount)]
    public Money PortfolioApplyFill()
    {
        var book = new Book(_registry, Money.FromUnits(1000));
        foreach (var f in _fills) book.ApplyFill(f);
        return book.Cash;
    }

    /// <summary>Equity at marks plus binary net delta and complete sets: what a risk check reads.</summary>
    [Benchmark]
    public long EquityAndNetDelta() =>
        _marked.Equity.Raw + _marked.NetDelta("m").Raw + _marked.CompleteSets("m").Raw;
}
