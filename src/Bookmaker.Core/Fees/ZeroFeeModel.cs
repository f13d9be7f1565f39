using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Fees;

/// <summary>No fees and no rebates (fee-free Polymarket markets, tests).</summary>
public sealed class ZeroFeeModel : IFeeModel
{
    /// <summary>The shared instance (stateless).</summary>
    public static readonly ZeroFeeModel Instance = new();

    /// <inheritdoc />
    public FeeCharge ForFill(Price price, Quantity size, Liquidity liquidity, Side side) => FeeCharge.None;

    /// <inheritdoc />
    public Money BuyFeeHeadroom(Price limit, Quantity size, Liquidity liquidity) => Money.Zero;
}
