using Xunit;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Core.Tests.Books;

public class OrderBookPropertyTests
{
    // Prices on a 0.001 grid inside 0..1 (valid for both kinds), sizes 0..4 (0 removes): dense enough to hit
    // removals of the best, re-inserts and crossings often.
    private static readonly Gen<(bool Bid, int Tick, int Size)> UpdateGen =
        from bid in Gen.Elements(true, false)
        from tick in Gen.Choose(0, 60)
        from size in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 4)))
        select (bid, tick * 7, size);

    [Fact]
    public void Random_updates_agree_with_sorted_dictionary_reference_on_best_and_depth()
    {
        Prop.ForAll(
                Gen.ArrayOf(UpdateGen).ToArbitrary(),
                Gen.Elements("ladder", "sorted").ToArbitrary(),
                (updates, kind) => Check(updates, kind))
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("ladder")]
    [InlineData("sorted")]
    public void Long_seeded_run_over_deep_book_agrees_with_reference(string kind)
    {
        // Deeper than the sorted book's top-of-book search window and the ladder's 64-slot bitmap words.
        var rng = new Random(7);
        var updates = new (bool, int, int)[20_000];
        for (int i = 0; i < updates.Length; i++)
            updates[i] = (rng.Next(2) == 0, rng.Next(1000), rng.Next(3) == 0 ? 0 : rng.Next(1, 5));
        Assert.True(Check(updates, kind, tickRaw: 1_000_000L));
    }

    private static bool Check((bool Bid, int Tick, int Size)[] updates, string kind, long tickRaw = 1_000_000L)
    {
        OrderBook book = BookFactory.Live(kind);
        var bids = new SortedDictionary<long, long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<long, long>();
        Span<BookLevel> depth = stackalloc BookLevel[8];
        foreach (var (isBid, tick, size) in updates)
        {
            long price = tick * tickRaw;
            long raw = size * 1_000_000_000L;
            book.SetLevel(isBid ? Side.Buy : Side.Sell, new Price(price), new Quantity(raw), 1);
            var side = isBid ? bids : asks;
            if (raw == 0) side.Remove(price);
            else side[price] = raw;

            if (!SameSide(book, Side.Buy, bids, depth) || !SameSide(book, Side.Sell, asks, depth)) return false;
        }

        return true;
    }

    private static bool SameSide(OrderBook book, Side side, SortedDictionary<long, long> reference, Span<BookLevel> depth)
    {
        int count = side == Side.Buy ? book.BidLevelCount : book.AskLevelCount;
        if (count != reference.Count) return false;
        BookLevel best = side == Side.Buy ? book.BestBid : book.BestAsk;
        if (reference.Count == 0) return best == default;
        var first = reference.First();
        if (best != new BookLevel(new Price(first.Key), new Quantity(first.Value))) return false;

        int n = book.CopyDepth(side, depth);
        if (n != Math.Min(depth.Length, reference.Count)) return false;
        int k = 0;
        foreach (var (price, size) in reference)
        {
            if (k == n) break;
            if (depth[k++] != new BookLevel(new Price(price), new Quantity(size))) return false;
        }

        return true;
    }
}
