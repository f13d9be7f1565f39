using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Adapter;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The emulator's fee: the rate it publishes as a trade's <c>fee_rate_bps</c>, charged exactly as the adapter
/// estimates a fee from that field (<see cref="TradeFills.TakerCharge"/>) — a taker BUY pays in shares, a taker SELL in
/// pUSD, makers nothing (CLOB V2). Charging the adapter's own formula makes the emulator's balances and the engine's
/// positions comparable to the raw unit, so a test can tell a unit error from a rate difference.
/// </summary>
internal sealed class PublishedRateFeeModel(int feeRateBps) : IFeeModel
{
    /// <inheritdoc />
    public FeeCharge ForFill(Price price, Quantity size, Liquidity liquidity, Side side) =>
        liquidity == Liquidity.Taker ? TradeFills.TakerCharge(side, price, size, feeRateBps) : FeeCharge.None;

    /// <inheritdoc />
    /// <remarks>The USDC fee at the limit (notional × bps, rounded up) plus one raw unit per partial fill's rounding.</remarks>
    public Money BuyFeeHeadroom(Price limit, Quantity size, Liquidity liquidity) =>
        liquidity == Liquidity.Taker && size.Raw > 0 ? TradeFills.TakerFee(limit, size, feeRateBps) + new Money(1) : Money.Zero;
}
