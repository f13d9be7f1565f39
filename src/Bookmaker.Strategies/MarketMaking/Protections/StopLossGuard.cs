using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="StopLossGuard"/>.</summary>
/// <param name="MaxLoss">Unrealised loss per position that triggers the unwind, in dollars (default 50).</param>
/// <param name="MaxAdverseMovePercent">Adverse move of the mark from the average entry, in % of entry (default 20).</param>
public sealed record StopLossGuardOptions(Money? MaxLoss = null, double MaxAdverseMovePercent = 20.0)
{
    /// <summary>Effective dollar stop.</summary>
    public Money Loss => MaxLoss ?? Money.FromUnits(50);

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, Loss.Raw > 0, "mm.protect.stop.maxLoss", Loss.ToString(), "must be > 0");
        OptionError.Positive(errors, "mm.protect.stop.maxAdverseMovePercent", MaxAdverseMovePercent);
        return errors;
    }
}

/// <summary>
/// Stop-loss guard. Unrealised P&amp;L = q × (mark − entry), computed exactly in <see cref="Money"/>; a loss ≥ MaxLoss ⇒
/// <see cref="ProtectionAction.PassiveUnwind"/> (reason <see cref="ProtectionReason.StopLossDollars"/>). Adverse move
/// = sign(q) × (entry − mark) / entry × 100 %; ≥ MaxAdverseMovePercent ⇒ unwind
/// (<see cref="ProtectionReason.StopLossAdverseMove"/>). The host decides how aggressively (hold-time style quote or
/// taker exit).
/// </summary>
public static class StopLossGuard
{
    /// <summary>Unrealised P&amp;L of <paramref name="position"/> bought/sold at <paramref name="averageEntry"/>, marked at <paramref name="mark"/>.</summary>
    public static Money UnrealisedPnl(Quantity position, Price averageEntry, Price mark) =>
        new(FixedPoint.MultiplyScaled(position.Raw, mark.Raw - averageEntry.Raw, MidpointRounding.ToNegativeInfinity));

    /// <summary>Evaluates the guard.</summary>
    public static ProtectionDecision Evaluate(StopLossGuardOptions options, Quantity position, Price averageEntry, Price mark)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (position.Raw == 0 || averageEntry.Raw <= 0) return ProtectionDecision.Clear;
        Money pnl = UnrealisedPnl(position, averageEntry, mark);
        if (-pnl.Raw >= options.Loss.Raw) return new(ProtectionAction.PassiveUnwind, ProtectionReason.StopLossDollars);
        double move = (position.Raw > 0 ? averageEntry.Raw - mark.Raw : mark.Raw - averageEntry.Raw) / (double)averageEntry.Raw * 100.0;
        return move >= options.MaxAdverseMovePercent
            ? new(ProtectionAction.PassiveUnwind, ProtectionReason.StopLossAdverseMove)
            : ProtectionDecision.Clear;
    }
}
