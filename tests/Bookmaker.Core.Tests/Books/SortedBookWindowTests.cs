using Xunit;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Tests.Books;

/// <summary>
/// <see cref="SortedBook"/> keeps each side in a floating window of its arrays and shifts the shorter part on every
/// insert or remove; a random walk of changes at the best end, the worst end and in between (from a tiny initial
/// capacity, so the window hits both array edges, recenters and grows) must leave exactly the book a sorted dictionary
/// holds.
/// </summary>
public class SortedBookWindowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Random_changes_at_both_ends_match_a_sorted_dictionary(int seed)
    {
        var random = new Random(seed);
        var book = new SortedBook(1);
        book.ApplySnapshot([], [], 0, 0);
        var bids = new SortedDictionary<long, long>();
        var asks = new SortedDictionary<long, long>();
        var depth = new BookLevel[4096];
        for (int step = 0; step < 5_000; step++)
        {
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var reference = side == Side.Buy ? bids : asks;
            // Bids live below 1,000,000 raw, asks above; a third of the changes hit an existing level (often a removal).
            long price = reference.Count > 0 && random.Next(3) == 0
                ? reference.Keys.ElementAt(random.Next(reference.Count))
                : side == Side.Buy ? 1 + random.Next(999_999) : 1_000_000 + random.Next(999_999);
            long size = random.Next(4) == 0 ? 0 : 1 + random.Next(1000);
            book.SetLevel(side, new Price(price), new Quantity(size), step);
            if (size == 0) reference.Remove(price);
            else reference[price] = size;

            Assert.Equal(bids.Count, book.BidLevelCount);
            Assert.Equal(asks.Count, book.AskLevelCount);
            Assert.Equal(bids.Count == 0 ? default : new BookLevel(new Price(bids.Keys.Last()), new Quantity(bids[bids.Keys.Last()])), book.BestBid);
            Assert.Equal(asks.Count == 0 ? default : new BookLevel(new Price(asks.Keys.First()), new Quantity(asks[asks.Keys.First()])), book.BestAsk);
            Assert.Equal(new Quantity(reference.GetValueOrDefault(price)), book.SizeAt(side, new Price(price)));
            if (step % 250 != 0) continue;
            int n = book.CopyDepth(Side.Buy, depth);
            Assert.Equal(bids.Reverse().Select(kv => new BookLevel(new Price(kv.Key), new Quantity(kv.Value))), depth[..n]);
            n = book.CopyDepth(Side.Sell, depth);
            Assert.Equal(asks.Select(kv => new BookLevel(new Price(kv.Key), new Quantity(kv.Value))), depth[..n]);
        }
    }
}
