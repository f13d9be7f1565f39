using Bookmaker.Core.Fees;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>A leg's taker fee in USDC, turned into shares as the venue collects it on a BUY (for
/// <see cref="ShareFee.GrossUpForBuy{TFees}"/>; a struct, so sizing allocates nothing).</summary>
internal readonly struct LegBuyFeeShares(ILegFeeModel fee) : IBuyFeeShares
{
    /// <inheritdoc />
    public Quantity FeeShares(Price price, Quantity size) => ShareFee.SharesFor(fee.TakerFee(price, size), price, size);
}
