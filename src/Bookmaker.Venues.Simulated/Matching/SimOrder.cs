using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// An order as the matching engine takes it: a struct, so submitting allocates nothing. The adapter builds it from an
/// <see cref="OrderRequest"/> (see <see cref="MatchingEngine.ToSimOrder"/>).
/// </summary>
/// <param name="Account">Owner account id.</param>
/// <param name="ClientOrderId">The owner's id, echoed in every event.</param>
/// <param name="Instrument">Engine instrument slot.</param>
/// <param name="Side">Buy or sell, in the instrument's own token.</param>
/// <param name="Type">Limit or market.</param>
/// <param name="TimeInForce">GTC, GTD, FOK or FAK (market orders are FOK or FAK; GTC/GTD on a market order means FAK).</param>
/// <param name="Price">Limit price; for market orders the worst acceptable price (zero = no cap).</param>
/// <param name="Size">Shares; ignored for a market BUY sized by <paramref name="QuoteAmount"/>.</param>
/// <param name="PostOnly">Reject instead of taking liquidity.</param>
/// <param name="ExpireAtUtcTicks">GTD expiry (UTC ticks).</param>
/// <param name="QuoteAmount">A market BUY's budget in quote currency (Polymarket market BUY); zero otherwise.</param>
public readonly record struct SimOrder(
    int Account,
    ClientOrderId ClientOrderId,
    int Instrument,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Price Price,
    Quantity Size,
    bool PostOnly = false,
    long ExpireAtUtcTicks = 0,
    Money QuoteAmount = default)
{
    /// <summary>A GTC limit order.</summary>
    public static SimOrder Limit(int account, ClientOrderId id, int instrument, Side side, Price price, Quantity size, bool postOnly = false) =>
        new(account, id, instrument, side, OrderType.Limit, TimeInForce.Gtc, price, size, postOnly);

    /// <summary>True for a market BUY sized in quote currency.</summary>
    public bool IsQuoteSized => Type == OrderType.Market && Side == Side.Buy && QuoteAmount.Raw > 0;
}
