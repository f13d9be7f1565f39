using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using Bookmaker.Strategies.Arbitrage.Execution;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>Baskets on a venue that keeps a taker BUY's fee in shares (Polymarket).</summary>
public sealed class BasketFeeSharesTests
{
    private static readonly Quantity Fifty = Quantity.FromUnits(50);

    /// <summary>YES 0.40×60, NO 0.55×60 asks with the r 0.02, e 1 curve, 50 sets at most: a 50-set buy edge whose
    /// sized-up legs fit the books (a leg larger than the visible depth would be killed; the scanner cuts the sets).</summary>
    private static ArbHarness Traded()
    {
        var h = new ArbHarness(buyFeesInShares: true,
            scanner: new ArbScannerOptions(Money.Parse("0.005"), Fifty, Money.FromUnits(500), TimeSpan.FromSeconds(5)));
        h.Book(h.Yes, "0.38", "100", "0.40", "60");
        h.Book(h.No, "0.53", "100", "0.55", "60");
        h.Drain();
        return h;
    }

    [Fact]
    public void A_basket_with_fee_bearing_legs_ends_holding_whole_sets()
    {
        using var h = Traded();

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(BasketOutcome.Success, run.Outcome);
        Assert.True(h.Held(h.Yes) >= Fifty && h.Held(h.No) >= Fifty, $"held {h.Held(h.Yes)} YES, {h.Held(h.No)} NO");
    }

    [Fact]
    public void Buy_legs_are_sized_up_by_the_shares_the_fee_takes()
    {
        using var h = Traded();

        // YES at 0.40: fee 50 × 0.02 × 0.24 = 0.24 USDC = 0.6 shares → 50.61 sent; NO at 0.55: 0.2475 → 0.45 shares → 50.46.
        Assert.Equal([Quantity.Parse("50.61"), Quantity.Parse("50.46")], h.Venue.Submitted.Select(r => r.Size));
    }

    [Fact]
    public void What_the_fee_leaves_above_the_sets_is_less_than_one_size_step_per_leg()
    {
        using var h = Traded();

        var step = h.Yes.SizeStep;
        Assert.True(h.Held(h.Yes) - Fifty < step && h.Held(h.No) - Fifty < step, $"held {h.Held(h.Yes)} YES, {h.Held(h.No)} NO");
    }

    [Fact]
    public void Basket_pnl_counts_the_sets_actually_held_and_the_cash_actually_paid()
    {
        using var h = Traded();

        var run = Assert.Single(h.Executor.Finished);
        Assert.Equal(Money.Notional(Price.One, run.CompleteSets) + (h.Portfolio.Cash - Money.FromUnits(1_000)), run.Pnl);
    }

    [Fact]
    public void No_sized_up_leg_is_sent_larger_than_the_book_shows()
    {
        using var h = new ArbHarness(buyFeesInShares: true);
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();

        Assert.NotEmpty(h.Venue.Submitted);
        Assert.All(h.Venue.Submitted, r => Assert.True(r.Size <= Fifty, $"{r.Instrument} sent at {r.Size}"));
    }
}
