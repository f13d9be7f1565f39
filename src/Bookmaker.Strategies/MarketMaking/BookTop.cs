using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>
/// The top of one order book as the quoting core sees it: best bid and ask with their sizes. A side with a zero
/// price is absent (an empty side); a present side may still report a zero size (a level being refreshed).
/// </summary>
/// <param name="BestBid">Best bid, or <see cref="Price.Zero"/> when the bid side is empty.</param>
/// <param name="BidSize">Size at the best bid.</param>
/// <param name="BestAsk">Best ask, or <see cref="Price.Zero"/> when the ask side is empty.</param>
/// <param name="AskSize">Size at the best ask.</param>
public readonly record struct BookTop(Price BestBid, Quantity BidSize, Price BestAsk, Quantity AskSize)
{
    /// <summary>True when the bid side has a price.</summary>
    public bool HasBid => BestBid.Raw > 0;

    /// <summary>True when the ask side has a price.</summary>
    public bool HasAsk => BestAsk.Raw > 0;

    /// <summary>True when both sides have a price.</summary>
    public bool IsTwoSided => HasBid && HasAsk;

    /// <summary>Best ask − best bid (only meaningful when <see cref="IsTwoSided"/>).</summary>
    public Price Spread => BestAsk - BestBid;

    /// <summary>(bid + ask) / 2 as a model double (only meaningful when <see cref="IsTwoSided"/>).</summary>
    public double Mid => (BestBid.ToDouble() + BestAsk.ToDouble()) * 0.5;

    /// <summary>The top of a local book; empty (both sides absent) while the book is stale, so nothing quotes on it.</summary>
    public static BookTop Of(IOrderBookView book)
    {
        ArgumentNullException.ThrowIfNull(book);
        if (book.IsStale) return default;
        var bid = book.HasBids ? book.BestBid : default;
        var ask = book.HasAsks ? book.BestAsk : default;
        return new BookTop(bid.Price, bid.Size, ask.Price, ask.Size);
    }
}
