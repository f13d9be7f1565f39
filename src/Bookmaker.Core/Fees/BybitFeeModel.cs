using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Fees;

/// <summary>
/// Bybit's linear fee schedule: a taker rate and a maker rate on notional (price × size). A negative maker rate is a
/// rebate (Market Maker program tiers): the maker's fee is then zero and its rebate is |rate| × notional.
/// </summary>
/// <remarks>
/// Rates are exact fractions in 1e-9 units (0.055 % = 0.00055 = 550 000 raw; −0.25 bp = −0.000025 = −25 000 raw).
/// Fees round up to the 1e-9 unit and rebates round down, so rounding never favours us. The real venue reports fees
/// to 8 decimals; at 1e-9 the difference is below any account's precision.
/// </remarks>
public sealed class BybitFeeModel : IFeeModel
{
    private readonly long _takerRateRaw;
    private readonly long _makerRateRaw;

    /// <summary>Creates a schedule from rates as fractions of notional (0.00055 for 5.5 bps).</summary>
    public BybitFeeModel(decimal takerRate, decimal makerRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(takerRate);
        _takerRateRaw = ToRaw(takerRate, nameof(takerRate));
        _makerRateRaw = ToRaw(makerRate, nameof(makerRate));
    }

    /// <summary>Creates a schedule from rates in basis points (5.5 taker, 2 maker, −0.25 maker rebate).</summary>
    public static BybitFeeModel FromBps(decimal takerBps, decimal makerBps) => new(takerBps / 10_000m, makerBps / 10_000m);

    /// <summary>Bybit perpetuals, VIP0: taker 5.5 bps, maker 2 bps.</summary>
    public static BybitFeeModel PerpetualVip0 => FromBps(5.5m, 2m);

    /// <summary>Bybit spot, VIP0: 10 bps both ways.</summary>
    public static BybitFeeModel SpotVip0 => FromBps(10m, 10m);

    /// <summary>Taker rate as a fraction.</summary>
    public decimal TakerRate => (decimal)_takerRateRaw / FixedPoint.Scale;

    /// <summary>Maker rate as a fraction (negative = rebate).</summary>
    public decimal MakerRate => (decimal)_makerRateRaw / FixedPoint.Scale;

    /// <inheritdoc />
    /// <remarks>Always in quote currency (linear contracts settle in USDT whatever the side).</remarks>
    public FeeCharge ForFill(Price price, Quantity size, Liquidity liquidity, Side side)
    {
        long rate = liquidity == Liquidity.Taker ? _takerRateRaw : _makerRateRaw;
        if (rate == 0 || size.Raw <= 0) return FeeCharge.None;
        long notional = FixedPoint.MultiplyScaled(price.Raw, size.Raw, MidpointRounding.ToEven);
        if (rate > 0) return new FeeCharge(new Money(FixedPoint.MultiplyScaled(notional, rate, MidpointRounding.ToPositiveInfinity)), Money.Zero);
        return new FeeCharge(Money.Zero, new Money(FixedPoint.MultiplyScaled(notional, -rate, MidpointRounding.ToZero)));
    }

    /// <inheritdoc />
    public Money BuyFeeHeadroom(Price limit, Quantity size, Liquidity liquidity)
    {
        long rate = liquidity == Liquidity.Taker ? _takerRateRaw : _makerRateRaw;
        if (rate <= 0 || size.Raw <= 0) return Money.Zero;
        long notional = FixedPoint.MultiplyScaled(limit.Raw, size.Raw, MidpointRounding.ToPositiveInfinity);
        // +1 raw unit per split: each partial fill rounds its fee up separately.
        return new Money(FixedPoint.MultiplyScaled(notional, rate, MidpointRounding.ToPositiveInfinity) + 1);
    }

    private static long ToRaw(decimal rate, string name)
    {
        decimal scaled = rate * FixedPoint.Scale;
        if (scaled != decimal.Truncate(scaled)) throw new ArgumentException($"{rate} has more than 9 decimals", name);
        return decimal.ToInt64(scaled);
    }
}
