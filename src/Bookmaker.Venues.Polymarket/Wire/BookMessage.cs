using System.Runtime.InteropServices;
using System.Text.Json;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// The <c>book</c> message: its <c>bids</c> and <c>asks</c> arrays read into the parser's reused
/// <see cref="BookSnapshot"/> (each level a price in (0, 1) and a size ≥ 0), then sorted best-first whatever order
/// the venue used — it usually sends worst-first, which is a reversal, not a sort.
/// </summary>
internal static class BookMessage
{
    /// <summary>Reads one side's levels; a bad level fails the message (a snapshot is all or nothing).</summary>
    public static void ReadLevels(ref Utf8JsonReader reader, List<BookLevel> levels, ref MarketMessageFields m)
    {
        if (!MarketFields.EnterArray(ref reader, ref m)) return;
        while (MarketFields.NextObject(ref reader, ref m))
        {
            Price price = default;
            Quantity size = default;
            bool hasPrice = false, hasSize = false;
            while (MarketFields.Next(ref reader, out MarketField field))
            {
                if (field == MarketField.Price) hasPrice = m.Number(WireScalars.TryReadPrice(ref reader, out price));
                else if (field == MarketField.Size) hasSize = m.Number(WireScalars.TryReadQuantity(ref reader, out size));
                else reader.Skip();
            }

            if (!(hasPrice && hasSize)) m.Fail(MalformedReason.MissingField);
            else if (!WireRanges.IsOutcomePrice(price) || size.Raw < 0) m.Fail(MalformedReason.OutOfRange);
            else levels.Add(new BookLevel(price, size));
        }
    }

    /// <summary>Puts the snapshot's bids in descending and asks in ascending price order.</summary>
    public static void SortBestFirst(BookSnapshot snapshot)
    {
        SortBestFirst(snapshot.Bids, descending: true);
        SortBestFirst(snapshot.Asks, descending: false);
    }

    private static void SortBestFirst(List<BookLevel> levels, bool descending)
    {
        Span<BookLevel> span = CollectionsMarshal.AsSpan(levels);
        if (span.Length < 2) return;
        bool inOrder = true, reversed = true;
        for (int i = 1; i < span.Length; i++)
        {
            int c = span[i - 1].Price.Raw.CompareTo(span[i].Price.Raw);
            if (descending ? c <= 0 : c >= 0) inOrder = false;
            if (descending ? c >= 0 : c <= 0) reversed = false;
        }

        if (inOrder) return;
        if (reversed)
        {
            span.Reverse(); // the venue's usual order (worst first): no comparison sort needed
            return;
        }

        if (descending) span.Sort(static (a, b) => b.Price.Raw.CompareTo(a.Price.Raw));
        else span.Sort(static (a, b) => a.Price.Raw.CompareTo(b.Price.Raw));
    }
}
