using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Adapter;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The emulator's fee: the rate it publishes as a trade's <c>fee_rate_bps</c>, charged exactly as the adapter
/// estimates a fee from that field when the market publishes no fee curve (<see cref="TradeFills.TakerCharge"/>: bps ×
/// min(p, 1 − p) × shares / 10⁴, the exchange's formula) — a taker BUY pays in shares, a taker SELL in
/// pUSD, makers nothing (CLOB V2). Charging the adapter's own formula makes the emulator's balances and the engine's
/// positions comparable to the raw unit, so a test can tell a unit error from a rate difference.
/// </summary>
internal sealed class PublishedRateFeeModel(int feeRateBps) : IFeeModel
{
    private static readonly Price Half = new(FixedPoint.Scale / 2);

    /// <inheritdoc />
    public FeeCharge ForFill(Price price, Quantity size, Liquidity liquidity, Side side) =>
        liquidity == Liquidity.Taker ? TradeFills.TakerCharge(side, price, size, feeRateBps) : FeeCharge.None;

    /// <inheritdoc />
    /// <remarks>
    /// The USDC fee at the limit plus one raw unit per partial fill's rounding. bps × min(p, 1 − p) is largest at 0.5,
    /// not at the limit, so the headroom takes the price of the limit's range (≤ limit) nearest 0.5.
    /// </remarks>
    public Money BuyFeeHeadroom(Price limit, Quantity size, Liquidity liquidity)
    {
        if (liquidity != Liquidity.Taker || size.Raw <= 0) return Money.Zero;
        var worst = limit.Raw > Half.Raw ? Half : limit;
        return TakerFeeEstimate.FromRateBps(worst, size, feeRateBps) + new Money(1);
    }
}
