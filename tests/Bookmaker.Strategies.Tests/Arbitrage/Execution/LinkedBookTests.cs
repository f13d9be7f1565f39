using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>
/// On a venue where YES and NO share one linked book, the two token books mirror each other. The venue publishes
/// them as two messages of one instant; a binary basket evaluated between them sees a "complete set" that is not on
/// the venue (paper run: YES ask 0.08 beside a NO ask 0.62 of the previous instant, 181 sets, the NO leg killed).
/// </summary>
public sealed class LinkedBookTests
{
    [Fact]
    public void A_binary_basket_is_not_traded_on_a_torn_view_of_a_linked_book()
    {
        using var h = new ArbHarness(linkedBinaryBooks: true);
        // One instant: the YES book has moved (ask 0.40), the NO book still shows the previous state (ask 0.55, which
        // in the linked book would be a YES bid of 0.45 — above the YES ask: impossible on the venue).
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.53", "100", "0.55", "50");
        h.Drain();

        Assert.Empty(h.Venue.Submitted);
        Assert.Equal(0, h.Metrics.Attempts);
    }

    [Fact]
    public void A_binary_basket_is_evaluated_when_its_linked_books_mirror_each_other()
    {
        using var h = new ArbHarness(linkedBinaryBooks: true);
        // Mirrored books: YES 0.38 / 0.40, NO 0.60 / 0.62. No edge (a linked book never has one), but it is evaluated.
        h.Book(h.Yes, "0.38", "100", "0.40", "50");
        h.Book(h.No, "0.60", "50", "0.62", "100");
        h.Drain();
        long before = h.Strategy.Evaluations;

        h.Book(h.No, "0.60", "40", "0.62", "100");
        h.Drain();

        Assert.Equal(before + 1, h.Strategy.Evaluations);
        Assert.Empty(h.Venue.Submitted);
    }
}
