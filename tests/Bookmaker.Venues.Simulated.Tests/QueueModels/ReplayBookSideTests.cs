using Bookmaker.Venues.Simulated.QueueModels;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.QueueModels;

/// <summary>
/// <see cref="ReplayBookSide"/> keeps its levels in a floating window of its arrays and shifts the shorter part on
/// every insert or remove. Random snapshots (loaded best first, as venues send them, or in any order) and random
/// changes at both ends and in between, from a tiny capacity so the window hits both edges, recenters and grows, must
/// leave exactly the side a sorted dictionary holds — prices, sizes and what we consumed.
/// </summary>
public class ReplayBookSideTests
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    [InlineData(false, 4)]
    public void Random_loads_and_changes_match_a_sorted_dictionary(bool descending, int seed)
    {
        var random = new Random(seed);
        var side = new ReplayBookSide(descending, 1);
        // Best first: highest price first for bids (descending), lowest first for asks.
        var reference = new SortedDictionary<long, (long Size, long Consumed)>(
            descending ? Comparer<long>.Create((a, b) => b.CompareTo(a)) : Comparer<long>.Default);
        for (int step = 0; step < 6_000; step++)
        {
            if (step % 1500 == 0)
            {
                side.Clear();
                reference.Clear();
                var prices = Enumerable.Range(0, random.Next(0, 300)).Select(_ => 1L + random.Next(100_000)).Distinct().ToList();
                bool ordered = random.Next(2) == 0;
                if (ordered) prices.Sort(reference.Comparer);
                foreach (long p in prices)
                {
                    long s = 1 + random.Next(100);
                    side.Load(p, s);
                    reference[p] = (s, 0);
                }

                side.EndLoad();
            }

            long price = reference.Count > 0 && random.Next(3) == 0
                ? reference.Keys.ElementAt(random.Next(reference.Count))
                : 1 + random.Next(100_000);
            long size = random.Next(4) == 0 ? 0 : 1 + random.Next(1000);
            long previous = side.Set(price, size);
            var had = reference.GetValueOrDefault(price);
            Assert.Equal(had.Size, previous);
            if (size == 0) reference.Remove(price);
            else reference[price] = (size, size < had.Size ? Math.Max(0, had.Consumed - (had.Size - size)) : had.Consumed);

            if (reference.Count > 0 && random.Next(4) == 0)
            {
                int i = random.Next(reference.Count);
                long at = reference.Keys.ElementAt(i);
                side.Consume(i, 3);
                reference[at] = (reference[at].Size, reference[at].Consumed + 3);
            }

            Assert.Equal(reference.Count, side.Count);
            if (step % 250 != 0) continue;
            int k = 0;
            foreach (var (p, (s, c)) in reference)
            {
                Assert.Equal(p, side.PriceAt(k));
                Assert.Equal(s, side.SizeAt(k));
                Assert.Equal(Math.Max(0, s - c), side.AvailableAt(k));
                Assert.Equal(k, side.Find(p));
                k++;
            }
        }
    }
}
