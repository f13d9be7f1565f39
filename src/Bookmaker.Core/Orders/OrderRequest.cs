using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Orders;

/// <summary>
/// Everything needed to place one order, fixed at intent time. It is what the risk gate judges and what an adapter
/// turns into a venue request; nothing about it changes afterwards (an amend makes a new record with the same id; see <see cref="Order.PendingAmend"/>).
/// </summary>
/// <param name="Id">Our client order id.</param>
/// <param name="Instrument">What to trade.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Limit or market.</param>
/// <param name="TimeInForce">GTC, GTD, FOK or FAK.</param>
/// <param name="Price">Limit price; for market orders the worst acceptable price (slippage cap).</param>
/// <param name="Size">Shares/contracts. For a Polymarket market BUY, see <paramref name="QuoteAmount"/>.</param>
/// <param name="PostOnly">Reject instead of taking liquidity.</param>
/// <param name="ReduceOnly">May only shrink the position.</param>
/// <param name="ExpireAt">Expiry for GTD orders.</param>
/// <param name="QuoteAmount">Quote-currency amount of a Polymarket market BUY (USDC to spend); zero otherwise.</param>
/// <param name="Tag">Who asked (strategy name, "arb:basket-17", "unwind"): for the journal and reports.</param>
public sealed record OrderRequest(
    ClientOrderId Id,
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Price Price,
    Quantity Size,
    bool PostOnly = false,
    bool ReduceOnly = false,
    DateTimeOffset? ExpireAt = null,
    Money QuoteAmount = default,
    string? Tag = null)
{
    /// <summary>price × size, the notional the order commits (for a market BUY in quote currency, the amount).</summary>
    public Money Notional => Type == OrderType.Market && Side == Side.Buy && QuoteAmount.Raw > 0
        ? QuoteAmount
        : Money.Notional(Price, Size, MidpointRounding.ToPositiveInfinity);
}
