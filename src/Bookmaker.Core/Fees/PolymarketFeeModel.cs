using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Fees;

/// <summary>
/// Polymarket's per-market taker fee curve (V2, <c>/clob-markets</c> <c>fd = {r, e}</c>):
/// <c>fee = shares × r × (p(1 − p))^e</c> in USDC, paid only by the taker, floored to 5 decimals as the venue's fee
/// docs state. Makers pay nothing and earn a rebate of <see cref="MakerRebateShare"/> of the taker fee of the same fill.
/// </summary>
/// <remarks>
/// <para>Rounding: for a whole-number exponent (the markets seen so far use 1 or 2) the fee is computed exactly in
/// <see cref="decimal"/>; a fractional exponent computes the factor <c>r × (p(1 − p))^e</c> in double (model math) and
/// converts it to decimal before the multiplication by shares. Either way the fee is then floored to
/// <see cref="FeePrecisionDecimals"/> decimals, and the rebate is floored likewise.</para>
/// <para>Simplifications: the real venue pays maker rebates once a day from a pool shared pro rata by
/// fee-equivalent; the simulation credits <c>share × taker fee</c> immediately on the maker's fill. Like the venue,
/// <see cref="ForFill"/> collects a BUY taker's fee in shares and a SELL taker's in USDC. The curve is symmetric in p and
/// 1 − p, so a YES fill at p and a NO fill at 1 − p pay the same.</para>
/// </remarks>
public sealed class PolymarketFeeModel : IFeeModel
{
    /// <summary>Fees and rebates are floored to this many decimals of USDC.</summary>
    public const int FeePrecisionDecimals = 5;

    private const long FeeStepRaw = 10_000; // 1e-5 USDC in 1e-9 units
    private const long GridRaw = 100_000;   // 0.0001: every Polymarket tick is a multiple
    private const int GridPoints = 10_001;
    private readonly decimal[] _factorCache = new decimal[GridPoints];
    private readonly double[] _factorCacheDouble = new double[GridPoints];
    private readonly bool[] _factorCached = new bool[GridPoints];
    private readonly decimal _rate;
    private readonly double _exponent;
    private readonly int _integerExponent; // -1 when fractional
    private readonly decimal _rebateShare;
    private readonly long _rebateShareRaw;
    private long _memoPrice = -1;  // last taker fee computed (engines ask for the taker leg, then the maker leg)
    private long _memoSize = -1;
    private long _memoFee;

    /// <summary>Creates the curve of one market.</summary>
    /// <param name="rate">r, the fee rate (e.g. 0.25 for crypto markets in the early-2026 schedule).</param>
    /// <param name="exponent">e, the exponent (may be fractional).</param>
    /// <param name="makerRebateShare">Part of the taker fee rebated to the maker (0.20 crypto, 0.25 sports).</param>
    public PolymarketFeeModel(decimal rate, double exponent, decimal makerRebateShare = 0.20m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        if (!double.IsFinite(exponent) || exponent < 0) throw new ArgumentOutOfRangeException(nameof(exponent), "exponent must be finite and ≥ 0");
        if (makerRebateShare < 0 || makerRebateShare > 1) throw new ArgumentOutOfRangeException(nameof(makerRebateShare), "rebate share must be in 0..1");
        _rate = rate;
        _exponent = exponent;
        _integerExponent = exponent == Math.Floor(exponent) && exponent <= 8 ? (int)exponent : -1;
        _rebateShare = makerRebateShare;
        _rebateShareRaw = decimal.ToInt64(decimal.Round(makerRebateShare * FixedPoint.Scale));
        if (_rebateShareRaw != makerRebateShare * FixedPoint.Scale) throw new ArgumentException("rebate share has more than 9 decimals", nameof(makerRebateShare));
    }

    /// <summary>r.</summary>
    public decimal Rate => _rate;

    /// <summary>e.</summary>
    public double Exponent => _exponent;

    /// <summary>Part of the taker fee credited to the maker.</summary>
    public decimal MakerRebateShare => _rebateShare;

    /// <summary>The unrounded fee per share at <paramref name="price"/>: r × (p(1 − p))^e.</summary>
    public decimal FeePerShare(Price price)
    {
        decimal p = price.ToDecimal();
        decimal pq = p * (1m - p);
        if (pq <= 0) return 0m;
        if (_integerExponent >= 0)
        {
            decimal f = 1m;
            for (int i = 0; i < _integerExponent; i++) f *= pq;
            return _rate * f;
        }

        return _rate * (decimal)Math.Pow((double)pq, _exponent);
    }

    /// <summary>The taker fee of a fill, floored to 5 decimals.</summary>
    public Money TakerFee(Price price, Quantity size)
    {
        if (size.Raw <= 0 || _rate == 0) return Money.Zero;
        // The curve is symmetric in p and 1 − p, so a MINT/MERGE maker leg at the complement price reuses the taker's.
        long p = price.Raw;
        if (size.Raw == _memoSize && (p == _memoPrice || FixedPoint.Scale - p == _memoPrice)) return new Money(_memoFee);
        long fee = FeeSteps(price, size.Raw, ceiling: false) * FeeStepRaw;
        _memoPrice = p;
        _memoSize = size.Raw;
        _memoFee = fee;
        return new Money(fee);
    }

    /// <summary>
    /// shares × fee per share in whole 1e-5 steps, floored (fees) or ceiled (reservations). A double estimate decides
    /// unless it lies within its own error of a step boundary; then the exact decimal product decides. The result is
    /// therefore always the exactly rounded value, at the cost of a multiplication in the common case.
    /// </summary>
    private long FeeSteps(Price price, long sizeRaw, bool ceiling)
    {
        int i = GridIndex(price.Raw);
        if (i >= 0)
        {
            EnsureCached(i, price);
            double steps = sizeRaw * _factorCacheDouble[i] / FeeStepRaw;
            double whole = ceiling ? Math.Ceiling(steps) : Math.Floor(steps);
            double distance = Math.Abs(steps - whole);
            double margin = steps * 1e-12 + 1e-9;
            if (steps < 1e15 && distance > margin && 1 - distance > margin) return (long)whole;
        }

        decimal exactRaw = sizeRaw * CachedFeePerShare(price);
        long raw = decimal.ToInt64(ceiling ? decimal.Ceiling(exactRaw) : decimal.Floor(exactRaw));
        return ceiling ? FixedPoint.CeilTo(raw, FeeStepRaw) / FeeStepRaw : FixedPoint.FloorTo(raw, FeeStepRaw) / FeeStepRaw;
    }

    private static int GridIndex(long raw) => raw < 0 || raw > FixedPoint.Scale || raw % GridRaw != 0 ? -1 : (int)(raw / GridRaw);

    private void EnsureCached(int i, Price price)
    {
        if (_factorCached[i]) return;
        _factorCache[i] = FeePerShare(price);
        _factorCacheDouble[i] = (double)_factorCache[i];
        _factorCached[i] = true;
    }

    /// <summary>
    /// Fee per share, memoised on the 0.0001 price grid: fills happen at tick prices, so the hot path does one decimal
    /// multiplication per fill instead of the curve (and its Math.Pow). Single-threaded use, like the engine.
    /// </summary>
    private decimal CachedFeePerShare(Price price)
    {
        int i = GridIndex(price.Raw);
        if (i < 0) return FeePerShare(price);
        EnsureCached(i, price);
        return _factorCache[i];
    }

    /// <inheritdoc />
    /// <remarks>
    /// A taker SELL pays the fee in USDC; a taker BUY pays it in shares (<see cref="ShareFee.BuyCharge"/>: the USDC
    /// fee ÷ price, rounded up to the token unit), so the buyer receives fewer tokens and pays no cash fee.
    /// </remarks>
    public FeeCharge ForFill(Price price, Quantity size, Liquidity liquidity, Side side)
    {
        Money taker = TakerFee(price, size);
        if (liquidity == Liquidity.Taker)
            return side == Side.Buy ? ShareFee.BuyCharge(taker, price, size) : new FeeCharge(taker, Money.Zero);
        if (_rebateShareRaw == 0 || taker.Raw == 0) return FeeCharge.None;
        long takerSteps = taker.Raw / FeeStepRaw; // the fee is a whole number of steps
        long rebateSteps = takerSteps < 9_000_000_000L
            ? takerSteps * _rebateShareRaw / FixedPoint.Scale // exact: fits in a long below $90k of fee
            : FixedPoint.MultiplyScaled(takerSteps, _rebateShareRaw, MidpointRounding.ToZero);
        return new FeeCharge(Money.Zero, new Money(rebateSteps * FeeStepRaw));
    }

    /// <inheritdoc />
    /// <remarks>
    /// A taker BUY's fee is collected in shares, yet this still reserves it in USDC: the V2 SDK shrinks a BUY so that
    /// amount + fee ≤ balance (reference §7.2), so the venue may check it, and reserving too much only ever refuses an
    /// order we could have sent — never lets one through that the venue refuses.
    /// </remarks>
    public Money BuyFeeHeadroom(Price limit, Quantity size, Liquidity liquidity)
    {
        if (liquidity == Liquidity.Maker || size.Raw <= 0 || _rate == 0) return Money.Zero;
        // p(1 − p) grows toward 0.5, so the worst price at or below the limit is min(limit, 0.5).
        Price half = new(FixedPoint.Scale / 2);
        Price worst = limit < half ? limit : half;
        // One extra step of slack: fills floor their fees, the reservation ceils, and a split order must still fit.
        return new Money((FeeSteps(worst, size.Raw, ceiling: true) + 1) * FeeStepRaw);
    }
}
