using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Fees;

/// <summary>
/// A venue's fee schedule for one instrument: what the taker pays and what the maker pays or earns on a fill.
/// Implementations are exact (fixed-point) and allocation free; they are called once per fill leg on the matching
/// hot path.
/// </summary>
public interface IFeeModel
{
    /// <summary>
    /// Fee and rebate for one side of a fill of <paramref name="size"/> at <paramref name="price"/>, in the unit the
    /// venue collects it: cash, or shares withheld from a BUY (<see cref="FeeCharge.FeeShares"/>).
    /// </summary>
    /// <param name="price">The execution price of this side (its own token's price for outcome tokens).</param>
    /// <param name="size">Executed size.</param>
    /// <param name="liquidity">Whether this side provided (maker) or took (taker) liquidity.</param>
    /// <param name="side">This side's direction: it decides the unit where the venue takes BUY fees in shares.</param>
    FeeCharge ForFill(Price price, Quantity size, Liquidity liquidity, Side side);

    /// <summary>
    /// An upper bound of the fees a BUY of <paramref name="size"/> can be charged when it executes at any price at or
    /// below <paramref name="limit"/> with the given liquidity. Balance checks reserve this on top of the notional so
    /// a buyer can always pay its fee.
    /// </summary>
    Money BuyFeeHeadroom(Price limit, Quantity size, Liquidity liquidity);
}
