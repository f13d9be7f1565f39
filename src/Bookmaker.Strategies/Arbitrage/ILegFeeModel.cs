using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>
/// The taker fee of one leg of an arbitrage basket. A deliberately tiny abstraction owned by the arbitrage code so the
/// scanner stays pure while the engine's fee models (<c>Bookmaker.Core.Fees</c>) are being built; the lead adapts it to
/// those models later (one adapter class implementing this interface over a Core fee model).
/// </summary>
public interface ILegFeeModel
{
    /// <summary>The venue's taker fee in USDC for one match of <paramref name="shares"/> at <paramref name="price"/>,
    /// with the venue's own rounding.</summary>
    Money TakerFee(Price price, Quantity shares);

    /// <summary>
    /// An upper bound of the fee per share at <paramref name="price"/>, in 1e-18 USDC units: for every size s,
    /// <c>TakerFee(price, s) ≤ s × bound</c>. The scanner sizes baskets with it (linear in size, cheap) and then checks
    /// the exact <see cref="TakerFee"/>.
    /// </summary>
    long FeePerShareBound(Price price);
}

/// <summary>A leg that pays no taker fee (fee-free markets, tests).</summary>
public sealed class NoLegFee : ILegFeeModel
{
    /// <summary>The shared instance.</summary>
    public static readonly NoLegFee Instance = new();

    private NoLegFee()
    {
    }

    /// <inheritdoc />
    public Money TakerFee(Price price, Quantity shares) => Money.Zero;

    /// <inheritdoc />
    public long FeePerShareBound(Price price) => 0;
}

/// <summary>
/// Polymarket's taker fee curve (reference §7.2): <c>fee = shares × r × (p(1 − p))^e</c> in USDC, floored to 5 decimals,
/// with the per-market rate r and exponent e from <c>/clob-markets</c> <c>fd</c>. Makers pay nothing; a leg of an
/// arbitrage basket always takes.
/// </summary>
/// <remarks>
/// Computed in integers: the per-share rate <c>r × (p(1 − p))^e</c> is carried in 1e-18 units (Int128 midway),
/// rounded up at each multiplication, and the fee is <c>floor(shares × rate)</c> to 1e-5. Whenever the rate has at
/// most 18 decimals — every Polymarket tick (0.01, 0.001, 0.0001) with e ≤ 2 and a rate of up to 6 decimals — this is
/// the exact venue fee; otherwise it can only be above it by one 1e-5 step, never below (a profit check that errs
/// stays safe).
/// </remarks>
public sealed class PolymarketLegFeeModel : ILegFeeModel
{
    private const long Atto = 1_000_000_000_000_000_000L; // 1e18
    private const long FeeStepRaw = 10_000; // 1e-5 USDC in 1e-9 raw units
    private static readonly UInt128 FeeStepDivisor = (UInt128)Atto * 10_000; // 1e22

    private const long TableStepRaw = 100_000; // 0.0001: the finest Polymarket tick

    private readonly long _rateRaw;
    private readonly int _exponent;
    private readonly long[] _table; // bound per 0.0001 price step, so the hot path does no 128-bit division

    /// <summary>Creates the curve; <paramref name="rate"/> in 0..1, <paramref name="exponent"/> in 0..4.</summary>
    public PolymarketLegFeeModel(decimal rate, int exponent)
    {
        if (rate < 0 || rate > 1) throw new ArgumentOutOfRangeException(nameof(rate), "fee rate must be in 0..1");
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exponent, 4);
        _rateRaw = Price.FromDecimal(rate).Raw;
        _exponent = exponent;
        Rate = rate;
        _table = new long[FixedPoint.Scale / TableStepRaw + 1];
        for (int i = 0; i < _table.Length; i++) _table[i] = ComputeBound(i * TableStepRaw);
    }

    /// <summary>The rate r.</summary>
    public decimal Rate { get; }

    /// <summary>The exponent e.</summary>
    public int Exponent => _exponent;

    /// <inheritdoc />
    public long FeePerShareBound(Price price)
    {
        long p = Math.Clamp(price.Raw, 0, FixedPoint.Scale);
        return p % TableStepRaw == 0 ? _table[p / TableStepRaw] : ComputeBound(p);
    }

    private long ComputeBound(long p)
    {
        if (_rateRaw == 0) return 0;
        // p(1 − p) in 1e-18 units: exact, at most 2.5e17.
        long b = p * (FixedPoint.Scale - p);
        Int128 rate = (Int128)_rateRaw * FixedPoint.Scale; // r in 1e-18 units
        for (int k = 0; k < _exponent; k++)
        {
            Int128 product = rate * b; // ≤ 1e18 × 2.5e17: fits
            Int128 q = Int128.DivRem(product, Atto).Quotient;
            if (q * Atto != product) q += 1; // round up: a bound may only overstate
            rate = q;
        }

        return (long)rate;
    }

    /// <inheritdoc />
    public Money TakerFee(Price price, Quantity shares)
    {
        if (shares.Raw <= 0) return Money.Zero;
        long perShare = FeePerShareBound(price);
        // shares (1e-9) × rate (1e-18) = 1e-27 units; floor to 1e-5 USDC = 1e22 of those units.
        long steps = ArbMath.FloorMulDiv(shares.Raw, perShare, FeeStepDivisor);
        return new Money(checked(steps * FeeStepRaw));
    }
}
