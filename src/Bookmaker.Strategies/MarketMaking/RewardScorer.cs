using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>A market's liquidity-reward parameters (CLOB <c>rewards.max_spread</c> / <c>rewards.min_size</c>).</summary>
/// <param name="MaxSpreadCents">v: farthest distance from the adjusted midpoint that still scores, in cents (&gt; 0).</param>
/// <param name="MinSize">Smallest order size that scores, in shares.</param>
/// <param name="Multiplier">b: the in-game multiplier (default 1).</param>
/// <param name="SingleSidedDivisor">c: single-sided scores count 1/c inside [0.10, 0.90] (default 3).</param>
public sealed record RewardParameters(double MaxSpreadCents, Quantity MinSize, double Multiplier = 1.0, double SingleSidedDivisor = 3.0)
{
    /// <summary>
    /// How long an order must rest before it scores (the venue's minimum order age; zero = none). A quote younger than
    /// this is not replaced for a small price change (see <see cref="QuoteReconcilerOptions.YoungPriceToleranceTicks"/>).
    /// </summary>
    public TimeSpan MinOrderAge { get; init; }

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Positive(errors, "rewards.maxSpread", MaxSpreadCents);
        OptionError.Check(errors, MinSize.Raw >= 0, "rewards.minSize", MinSize.ToString(), "must be >= 0");
        OptionError.Positive(errors, "rewards.multiplier", Multiplier);
        OptionError.Check(errors, double.IsFinite(SingleSidedDivisor) && SingleSidedDivisor >= 1, "rewards.singleSidedDivisor", OptionError.Text(SingleSidedDivisor), "must be >= 1");
        OptionError.Check(errors, MinOrderAge >= TimeSpan.Zero, "rewards.minOrderAge", MinOrderAge.ToString(), "must be >= 0");
        return errors;
    }
}

/// <summary>An order as the reward program sees it.</summary>
/// <param name="Side">Side on its token.</param>
/// <param name="OnComplement">True when the order rests on the complement token m′ (priced around 1 − mid).</param>
/// <param name="Price">Order price on its own token.</param>
/// <param name="Size">Resting size.</param>
public readonly record struct RewardOrder(Side Side, bool OnComplement, Price Price, Quantity Size);

/// <summary>The market-level scores of a set of orders.</summary>
/// <param name="QOne">Bids on m plus asks on m′.</param>
/// <param name="QTwo">Asks on m plus bids on m′.</param>
/// <param name="QMin">The score that counts (see <see cref="RewardScorer.Score"/>).</param>
public readonly record struct RewardScore(double QOne, double QTwo, double QMin);

/// <summary>
/// Polymarket liquidity-reward scoring (polymarket-api.md §7.1).
/// </summary>
/// <remarks>
/// <para>Order score: S = ((v − s)/v)² · b · size, with s the order's distance from the adjusted midpoint in cents
/// (for complement orders, from 1 − mid); S = 0 when s &gt; v or size &lt; min size.</para>
/// <para>Q_one = Σ S(bids on m) + Σ S(asks on m′); Q_two = Σ S(asks on m) + Σ S(bids on m′).</para>
/// <para>Midpoint in [0.10, 0.90]: Q_min = max(min(Q_one, Q_two), max(Q_one/c, Q_two/c)), c = 3 — one-sided liquidity
/// scores a third. Outside: Q_min = min(Q_one, Q_two) — only two-sided liquidity scores.</para>
/// Pure and allocation free.
/// </remarks>
public static class RewardScorer
{
    /// <summary>Lower edge of the band where single-sided liquidity still scores.</summary>
    public const double SingleSidedLow = 0.10;

    /// <summary>Upper edge of that band.</summary>
    public const double SingleSidedHigh = 0.90;

    /// <summary>
    /// The size-cutoff-adjusted midpoint: the mid of the best bid and best ask levels whose size is at least
    /// <paramref name="minSize"/> (levels best first). False when a side has no such level.
    /// </summary>
    public static bool TryAdjustedMidpoint(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, Quantity minSize, out double mid)
    {
        mid = double.NaN;
        Price bid = default, ask = default;
        bool hb = false, ha = false;
        foreach (var l in bids)
        {
            if (l.Size >= minSize && l.Size.Raw > 0) { bid = l.Price; hb = true; break; }
        }

        foreach (var l in asks)
        {
            if (l.Size >= minSize && l.Size.Raw > 0) { ask = l.Price; ha = true; break; }
        }

        if (!hb || !ha) return false;
        mid = (bid.ToDouble() + ask.ToDouble()) * 0.5;
        return true;
    }

    /// <summary>S for one order at <paramref name="spreadCents"/> from the midpoint.</summary>
    public static double OrderScore(RewardParameters parameters, double spreadCents, Quantity size)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double v = parameters.MaxSpreadCents;
        if (!(spreadCents <= v) || size < parameters.MinSize || size.Raw <= 0) return 0;
        double x = (v - spreadCents) / v;
        return x * x * parameters.Multiplier * size.ToDouble();
    }

    /// <summary>Distance in cents of a price from a midpoint, rounded to 1e-6 ¢ so tick arithmetic in doubles is exact.</summary>
    public static double SpreadCents(Price price, double mid) => Math.Round(Math.Abs(price.ToDouble() - mid) * 100.0, 6);

    /// <summary>Scores a set of orders on market m and its complement m′ around adjusted midpoint <paramref name="mid"/>.</summary>
    public static RewardScore Score(RewardParameters parameters, double mid, ReadOnlySpan<RewardOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double qOne = 0, qTwo = 0;
        foreach (var o in orders)
        {
            double m = o.OnComplement ? 1.0 - mid : mid;
            double s = OrderScore(parameters, SpreadCents(o.Price, m), o.Size);
            bool countsInOne = (o.Side == Side.Buy) != o.OnComplement; // bids on m, asks on m′
            if (countsInOne) qOne += s;
            else qTwo += s;
        }

        return new RewardScore(qOne, qTwo, QMin(parameters, mid, qOne, qTwo));
    }

    /// <summary>Q_min from Q_one and Q_two by the midpoint rule.</summary>
    public static double QMin(RewardParameters parameters, double mid, double qOne, double qTwo)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double c = parameters.SingleSidedDivisor;
        return SingleSidedScores(mid)
            ? Math.Max(Math.Min(qOne, qTwo), Math.Max(qOne / c, qTwo / c))
            : Math.Min(qOne, qTwo);
    }

    /// <summary>True when single-sided liquidity scores at all (midpoint inside [0.10, 0.90]).</summary>
    public static bool SingleSidedScores(double mid) => mid is >= SingleSidedLow and <= SingleSidedHigh;

    /// <summary>
    /// Rewards-aware tightening: the largest half-spread that keeps both level-0 quotes strictly within v of the
    /// midpoint after directional rounding, i.e. h_max = (v − 1 tick) − |r − mid|; returns min(h, h_max) when
    /// <paramref name="riskAllows"/> and h_max ≥ <paramref name="minHalfSpread"/>, otherwise h unchanged.
    /// <paramref name="requireBothSides"/> is true when the midpoint is outside [0.10, 0.90], where a one-sided
    /// quote earns nothing: the host should then quote both sides or accept zero reward.
    /// </summary>
    public static double TightenHalfSpread(
        RewardParameters parameters, double reservation, double halfSpread, double mid, Price tick,
        double minHalfSpread, bool riskAllows, out bool requireBothSides)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        requireBothSides = !SingleSidedScores(mid);
        if (!riskAllows) return halfSpread;
        double hMax = parameters.MaxSpreadCents / 100.0 - tick.ToDouble() - Math.Abs(reservation - mid);
        if (hMax < minHalfSpread) return halfSpread;
        return Math.Min(halfSpread, hMax);
    }
}
