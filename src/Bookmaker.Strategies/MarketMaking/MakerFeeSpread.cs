namespace Bookmaker.Strategies.MarketMaking;

/// <summary>
/// The maker's own fee or rebate in the quoted half-spread. A quote earns its half-spread less the fee the venue charges
/// the maker (or plus the rebate it pays), so the model's half-spread — the edge the model wants per fill — is quoted
/// wider by the fee and tighter by the rebate: with exponential order arrival (Avellaneda–Stoikov) the optimal quote
/// distance with a per-share fee c is the fee-free one plus c. The floor works the same way: the minimum half-spread is
/// net of the fee (<c>MinSpread/2 + c</c>), never below the ladder's tick minimum and, with a fee, never below the fee itself.
/// </summary>
/// <remarks>Model math in doubles (price units per share): the ladder rounds bids down and asks up to the tick, so a
/// quote is never inside the floor after rounding. Pure and allocation free.</remarks>
public static class MakerFeeSpread
{
    /// <summary>A cost in bps of <paramref name="fair"/> as price units per share (negative for a rebate; 0 when fair is not positive).</summary>
    public static double PerShare(double costBps, double fair) =>
        fair > 0 && double.IsFinite(costBps) ? costBps * fair / 10_000.0 : 0;

    /// <summary>
    /// The smallest half-spread quoted: <paramref name="minHalfSpread"/> (the configured minimum, net of fees) plus the
    /// maker cost, at least the fee itself and at least <paramref name="tickHalfSpread"/> (the ladder's tick minimum, which
    /// a rebate never lowers: inside it the two sides would touch).
    /// </summary>
    public static double Floor(double tickHalfSpread, double minHalfSpread, double makerCost) =>
        Math.Max(tickHalfSpread, Math.Max(minHalfSpread + makerCost, makerCost));

    /// <summary>The model's half-spread with the maker cost added (a rebate subtracts), not yet floored.</summary>
    public static double Quoted(double modelHalfSpread, double makerCost) => modelHalfSpread + makerCost;
}
