using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="GapGuard"/>.</summary>
/// <param name="MaxSpread">Largest best ask − best bid at which we still quote, in price units (default 0.08).</param>
public sealed record GapGuardOptions(Price? MaxSpread = null)
{
    /// <summary>Effective maximum spread.</summary>
    public Price Max => MaxSpread ?? Price.Parse("0.08");

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, Max.Raw > 0, "mm.protect.gap.maxSpread", Max.ToString(), "must be > 0");
        return errors;
    }
}

/// <summary>
/// Gap guard: a book whose spread exceeds the maximum (or that has an empty side) has no reliable fair price, and
/// quoting into it invites being picked off ⇒ <see cref="ProtectionAction.PullQuotes"/> (no quotes, cancel resting).
/// </summary>
public static class GapGuard
{
    /// <summary>Evaluates the guard on the current top of book.</summary>
    public static ProtectionDecision Evaluate(GapGuardOptions options, in BookTop top)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!top.IsTwoSided) return new(ProtectionAction.PullQuotes, ProtectionReason.BookOneSided);
        return top.Spread > options.Max ? new(ProtectionAction.PullQuotes, ProtectionReason.SpreadTooWide) : ProtectionDecision.Clear;
    }
}
