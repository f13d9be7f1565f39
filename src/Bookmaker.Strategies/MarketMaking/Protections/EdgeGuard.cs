namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="EdgeGuard"/>.</summary>
/// <param name="MinEdgeBps">Smallest expected edge per fill worth quoting for, in bps of the fair price (default 5).</param>
public sealed record EdgeGuardOptions(double MinEdgeBps = 5.0)
{
    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, double.IsFinite(MinEdgeBps), "mm.protect.edge.minEdgeBps", OptionError.Text(MinEdgeBps), "must be finite");
        return errors;
    }
}

/// <summary>
/// Edge guard: expected edge per fill in bps = half-spread/fair × 10,000 + rebate bps − adverse-selection bps (e.g.
/// the negative of the average markout from <see cref="MarkoutTracker"/>). Below the minimum ⇒
/// <see cref="ProtectionAction.Freeze"/>: no new or amended quotes until the edge recovers.
/// </summary>
public static class EdgeGuard
{
    /// <summary>The expected edge in bps.</summary>
    public static double ExpectedEdgeBps(double halfSpread, double fair, double rebateBps, double adverseSelectionBps) =>
        fair > 0 ? halfSpread / fair * 10_000.0 + rebateBps - adverseSelectionBps : double.NaN;

    /// <summary>Evaluates the guard (a non-finite edge also freezes).</summary>
    public static ProtectionDecision Evaluate(EdgeGuardOptions options, double halfSpread, double fair, double rebateBps, double adverseSelectionBps)
    {
        ArgumentNullException.ThrowIfNull(options);
        double edge = ExpectedEdgeBps(halfSpread, fair, rebateBps, adverseSelectionBps);
        return edge >= options.MinEdgeBps ? ProtectionDecision.Clear : new(ProtectionAction.Freeze, ProtectionReason.EdgeTooLow);
    }
}
