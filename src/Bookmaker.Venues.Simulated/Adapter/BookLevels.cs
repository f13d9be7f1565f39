using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// Reading the top levels of a matching-engine book as one token sees them, and the level updates that turn one
/// published view into the next.
/// </summary>
internal static class BookLevels
{
    /// <summary>Reads the best <paramref name="px"/>.Length levels of one YES-space side (complemented for the NO view).</summary>
    public static int ReadTop(InstrumentOrderBook book, Side canonSide, bool complement, long[] px, long[] sz)
    {
        int n = 0;
        int idx = canonSide == Side.Buy ? book.BestBidIndex : book.BestAskIndex;
        while (n < px.Length && idx >= 0 && idx < book.LevelCount)
        {
            long size = book.LevelRef(canonSide, idx).Size;
            if (size > 0)
            {
                long p = book.PriceAt(idx);
                px[n] = complement ? FixedPoint.Scale - p : p;
                sz[n] = size;
                n++;
            }

            idx = book.NextWorse(canonSide, idx);
        }

        return n;
    }

    /// <summary>
    /// Appends the level updates from the old view of one side to the new one (both best first): a changed size, a
    /// new level, or size 0 for a level that is gone.
    /// </summary>
    public static void Diff(List<MarketDataEvent> output, Side side, long[] oldPx, long[] oldSz, int oldCount, long[] newPx, long[] newSz, int newCount, bool descending)
    {
        int i = 0, j = 0;
        while (i < oldCount || j < newCount)
        {
            int cmp;
            if (i >= oldCount) cmp = 1;
            else if (j >= newCount) cmp = -1;
            else if (oldPx[i] == newPx[j]) cmp = 0;
            else cmp = (oldPx[i] > newPx[j]) == descending ? -1 : 1;

            if (cmp == 0)
            {
                if (oldSz[i] != newSz[j]) output.Add(Level(side, newPx[j], newSz[j]));
                i++;
                j++;
            }
            else if (cmp < 0)
            {
                output.Add(Level(side, oldPx[i], 0));
                i++;
            }
            else
            {
                output.Add(Level(side, newPx[j], newSz[j]));
                j++;
            }
        }
    }

    private static MarketDataEvent Level(Side side, long price, long size) =>
        new(MarketDataKind.LevelUpdate, 0, side, new Price(price), new Quantity(size), 0, 0, 0, 0, false);
}
