using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Book = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Core.Tests.Portfolio;

/// <summary>
/// A complete neg-risk basket — one YES of every outcome — pays exactly $1 whatever resolves, so the portfolio values
/// it at $1, not at the sum of its outcomes' marks (which are mids of books with spreads and rarely sum to 1): an
/// arbitrage basket bought below $1 is a locked-in profit, not an unrealized loss the daily loss limit would count.
/// </summary>
public sealed class CompleteBasketValuationTests
{
    private static readonly string[] Markets = PortfolioFixtures.EventMarkets;
    private readonly InstrumentRegistry _registry = PortfolioFixtures.EventRegistry();
    private readonly Book _book;
    private int _trade;

    public CompleteBasketValuationTests()
    {
        _book = new Book(_registry, Money.FromUnits(10_000));
    }

    private Instrument Yes(int market) => _registry.Get(PortfolioFixtures.EventYes(market));

    private void Buy(int market, long units, string price) =>
        _book.ApplyFill(new Fill($"b{++_trade}", ClientOrderId.From(5, (ulong)_trade), Yes(market).Id, Side.Buy, Price.Parse(price),
            Quantity.FromUnits(units), Money.Zero, Money.Zero, Liquidity.Taker, PortfolioFixtures.T0.AddSeconds(_trade)));

    private void MarkAll(string price)
    {
        for (int i = 0; i < Markets.Length; i++) _book.SetMark(Yes(i), Price.Parse(price));
    }

    [Fact]
    public void Complete_baskets_count_at_one_dollar_each_whatever_their_outcomes_marks()
    {
        for (int i = 0; i < 3; i++) Buy(i, 100, "0.32");
        MarkAll("0.31");

        // 100 baskets worth $100 against $96 paid: +4, where the marks alone (3 × 0.31) would say −3.
        Assert.Equal(Money.FromUnits(4), _book.UnrealizedPnl);
        Assert.Equal(Money.FromUnits(10_000 - 96 + 100), _book.Equity);
        Assert.Equal(Money.FromUnits(4), _book.NetPnl);
        Assert.Equal((Money.FromUnits(4), Money.FromUnits(10_004)), _book.Totals());
    }

    [Fact]
    public void Outcomes_held_beyond_the_complete_baskets_stay_at_their_marks()
    {
        Buy(0, 150, "0.32");
        Buy(1, 100, "0.32");
        Buy(2, 100, "0.32");
        MarkAll("0.30");

        // 100 baskets at $1 plus 50 of m0 at 0.30 = 115, against 112 paid.
        Assert.Equal(Money.FromUnits(3), _book.UnrealizedPnl);
    }

    [Fact]
    public void Marks_summing_above_one_do_not_flatter_the_baskets()
    {
        for (int i = 0; i < 3; i++) Buy(i, 100, "0.32");
        MarkAll("0.40");

        Assert.Equal(Money.FromUnits(4), _book.UnrealizedPnl);
    }

    [Fact]
    public void An_event_with_an_unmarked_outcome_is_valued_at_the_marks_it_has()
    {
        for (int i = 0; i < 3; i++) Buy(i, 100, "0.32");
        _book.SetMark(Yes(0), Price.Parse("0.31"));
        _book.SetMark(Yes(1), Price.Parse("0.31"));

        Assert.Equal(_book.Positions.Sum(p => p.UnrealizedPnl().Raw), _book.UnrealizedPnl.Raw);
    }
}
