using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Core.Tests.Books;

/// <summary>
/// <see cref="PagedLadder{TValue}"/> and the <see cref="SortedBook"/> built on it against a sorted dictionary: random
/// seeded inserts, updates and deletes over books deep enough to split, drop and merge many pages must leave the same
/// levels, in the same order, with the same quantities, best and ranks.
/// </summary>
public class PagedLadderPropertyTests
{
    // Keys from a range a few pages wide so inserts, updates and removals of existing keys all happen often.
    private static readonly Gen<(int Key, int Value)> ChangeGen =
        from key in Gen.Choose(-400, 400)
        from value in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 9)))
        select (key, value);

    [Fact]
    public void Random_changes_leave_the_ladder_equal_to_a_sorted_dictionary()
    {
        Prop.ForAll(Gen.ArrayOf(ChangeGen).ToArbitrary(), changes => LadderMatches(changes, checkEvery: 1))
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Long_seeded_run_over_thousands_of_levels_matches_a_sorted_dictionary(int seed)
    {
        // Grows to thousands of keys, then churns all through them (as a full-depth diff stream does), then drains:
        // pages split, empty, merge and the storage grows from its smallest size.
        var random = new Random(seed);
        var changes = new (int, int)[60_000];
        for (int i = 0; i < changes.Length; i++)
        {
            int zeroPercent = i < 20_000 ? 15 : i < 45_000 ? 33 : 88;
            int value = random.Next(100) < zeroPercent ? 0 : 1 + random.Next(9);
            changes[i] = (random.Next(-3_000, 3_000), value);
        }

        Assert.True(LadderMatches(changes, checkEvery: 97));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Runs_of_neighbouring_changes_in_price_order_match_a_sorted_dictionary(int seed)
    {
        // Venues list a message's levels in price order: runs of changes walking up or down the book, mixing updates,
        // inserts and removes, which is when the ladder looks beside the last change before searching.
        var random = new Random(seed);
        var changes = new List<(int, int)>();
        while (changes.Count < 40_000)
        {
            int key = random.Next(-2_000, 2_000);
            int step = random.Next(2) == 0 ? -1 : 1;
            int gap = random.Next(3) == 0 ? 2 : 1;
            for (int run = random.Next(1, 40); run > 0; run--, key += step * gap)
                changes.Add((key, random.Next(100) < (changes.Count < 15_000 ? 10 : 40) ? 0 : 1 + random.Next(9)));
        }

        Assert.True(LadderMatches([.. changes], checkEvery: 53));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Sorted_book_over_thousands_of_levels_matches_a_reference_on_best_depth_and_sizes(int seed)
    {
        var random = new Random(seed);
        var book = new SortedBook(1);
        book.ApplySnapshot([], [], 0, 0);
        var bids = new SortedDictionary<long, long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<long, long>();
        var depth = new BookLevel[8_000];
        for (int step = 0; step < 40_000; step++)
        {
            bool bid = random.Next(2) == 0;
            var reference = bid ? bids : asks;
            // Bids on ticks 1..5,000 and asks on 5,001..10,000 (raw 0.1 ticks), near the touch half the time.
            int tick = random.Next(2) == 0
                ? (bid ? 5_000 - random.Next(60) : 5_001 + random.Next(60))
                : (bid ? 1 + random.Next(5_000) : 5_001 + random.Next(5_000));
            long price = tick * 100_000_000L;
            long size = random.Next(3) == 0 ? 0 : (1 + random.Next(1_000)) * 1_000_000L;
            book.SetLevel(bid ? Side.Buy : Side.Sell, new Price(price), new Quantity(size), step);
            if (size == 0) reference.Remove(price);
            else reference[price] = size;

            Assert.Equal(new Quantity(reference.GetValueOrDefault(price)), book.SizeAt(bid ? Side.Buy : Side.Sell, new Price(price)));
            Assert.Equal(bids.Count, book.BidLevelCount);
            Assert.Equal(asks.Count, book.AskLevelCount);
            Assert.Equal(bids.Count == 0 ? default : Level(bids.First()), book.BestBid);
            Assert.Equal(asks.Count == 0 ? default : Level(asks.First()), book.BestAsk);
            if (step % 1_000 != 0) continue;
            Assert.Equal(bids.Select(Level), depth[..book.CopyDepth(Side.Buy, depth)]);
            Assert.Equal(asks.Select(Level), depth[..book.CopyDepth(Side.Sell, depth)]);
        }
    }

    private static BookLevel Level(KeyValuePair<long, long> level) => new(new Price(level.Key), new Quantity(level.Value));

    private static bool LadderMatches((int Key, int Value)[] changes, int checkEvery)
    {
        var ladder = new PagedLadder<long>(1);
        var reference = new SortedDictionary<long, long>();
        for (int step = 0; step < changes.Length; step++)
        {
            var (key, value) = changes[step];
            if (value == 0)
            {
                if (ladder.Remove(key) != reference.Remove(key)) return false;
            }
            else
            {
                ladder.GetOrAdd(key, out bool added) = value;
                if (added == reference.ContainsKey(key)) return false;
                reference[key] = value;
            }

            if (ladder.Count != reference.Count) return false;
            int at = ladder.Find(key);
            if (reference.TryGetValue(key, out long expected) ? at < 0 || ladder.ValueAt(at) != expected : at >= 0) return false;
            if (step % checkEvery == 0 && !SameLevels(ladder, reference)) return false;
        }

        if (!SameLevels(ladder, reference)) return false;
        ladder.Clear();
        return ladder.Count == 0 && ladder.Last == -1 && ladder.Find(changes.Length > 0 ? changes[0].Key : 0) == -1;
    }

    // Walks best (last) to worst and checks every key, value, rank and the ranks of absent keys beside them.
    private static bool SameLevels(PagedLadder<long> ladder, SortedDictionary<long, long> reference)
    {
        int handle = ladder.Last;
        int rank = 0;
        foreach (var (key, value) in reference.Reverse())
        {
            if (handle < 0 || ladder.KeyAt(handle) != key || ladder.ValueAt(handle) != value) return false;
            if (ladder.RankOf(key) != rank || ladder.AtRank(rank) != handle) return false;
            // key + 1 is absent unless it is the next better level; absent keys report ~(levels better than them).
            if (!reference.ContainsKey(key + 1) && ladder.RankOf(key + 1) != ~rank) return false;
            handle = ladder.Previous(handle);
            rank++;
        }

        return handle == -1 && ladder.AtRank(rank) == -1;
    }
}
