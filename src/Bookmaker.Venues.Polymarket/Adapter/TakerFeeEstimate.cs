using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Our estimate of the taker fee of one of our trades, in USDC, the way the reference (§7.2) states the venue computes
/// it. With the market's fee curve (<c>/clob-markets</c> <c>fd = {r, e}</c>, r &gt; 0): fee = shares × r × (p(1 − p))^e,
/// floored to 5 decimals. Without one, from the trade's <c>fee_rate_bps</c> by the exchange's own formula: fee =
/// bps × min(p, 1 − p) × shares / 10⁴ — a fee on the cheaper side of the outcome, not on the notional (a BUY at 0.90
/// pays on 0.10 per share, not on 0.90), rounded up to the 1e-9 unit.
/// </summary>
/// <remarks>
/// The unit is decided elsewhere (<see cref="TradeFills.TakerCharge(Side, Price, Quantity, int, PolymarketFeeModel?)"/>):
/// the exchange's BUY formula is the same USDC amount divided by the price and kept in tokens, which is what
/// <see cref="ShareFee.BuyCharge"/> does with it. Pure and thread-safe: the user channel and the reconciliation call it
/// from different threads, so it uses the curve's unmemoised <see cref="PolymarketFeeModel.FeePerShare"/>.
/// </remarks>
public static class TakerFeeEstimate
{
    private const long FeeStepRaw = 10_000; // 1e-5 USDC: the venue floors curve fees to 5 decimals

    /// <summary>The taker fee of a fill of <paramref name="size"/> at <paramref name="price"/>; the curve wins when it charges.</summary>
    public static Money Of(Price price, Quantity size, int feeRateBps, PolymarketFeeModel? curve)
    {
        if (size.Raw <= 0) return Money.Zero;
        return curve is { Rate: > 0 } ? FromCurve(curve, price, size) : FromRateBps(price, size, feeRateBps);
    }

    /// <summary>shares × r × (p(1 − p))^e, floored to 5 decimals (the venue's fee docs).</summary>
    public static Money FromCurve(PolymarketFeeModel curve, Price price, Quantity size)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (size.Raw <= 0) return Money.Zero;
        decimal raw = size.Raw * curve.FeePerShare(price); // 1e-9 units of USDC, exact for integer exponents
        long floored = decimal.ToInt64(decimal.Floor(raw / FeeStepRaw)) * FeeStepRaw;
        return new Money(floored);
    }

    /// <summary>bps × min(p, 1 − p) × shares / 10⁴, rounded up (the exchange's fee for a rate in basis points).</summary>
    public static Money FromRateBps(Price price, Quantity size, int feeRateBps)
    {
        if (feeRateBps <= 0 || size.Raw <= 0 || price.Raw <= 0 || price.Raw >= FixedPoint.Scale) return Money.Zero;
        long cheaper = Math.Min(price.Raw, FixedPoint.Scale - price.Raw);
        Int128 n = (Int128)cheaper * size.Raw * feeRateBps;
        Int128 d = (Int128)FixedPoint.Scale * 10_000;
        Int128 q = Int128.DivRem(n, d).Quotient;
        if (q * d != n) q += 1;
        return new Money((long)q);
    }
}
