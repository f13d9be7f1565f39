namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="StaleGuard"/>.</summary>
/// <param name="MaxBookAge">Longest time without a book update while the venue is live (default 0.5 s).</param>
public sealed record StaleGuardOptions(TimeSpan? MaxBookAge = null)
{
    /// <summary>Effective maximum age.</summary>
    public TimeSpan MaxAge => MaxBookAge ?? TimeSpan.FromMilliseconds(500);

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, MaxAge > TimeSpan.Zero, "mm.protect.stale.maxBookAge", MaxAge.ToString(), "must be > 0");
        return errors;
    }
}

/// <summary>
/// Stale guard: while the venue is live, a book not updated for longer than the maximum age may hide a move we have
/// not seen ⇒ <see cref="ProtectionAction.PullQuotes"/>. A venue that is not live also pulls quotes (the host cancels
/// as soon as it can). Quiet books still tick via heartbeats/snapshots, so the host must feed every book message
/// time, not only changes of the top.
/// </summary>
public static class StaleGuard
{
    /// <summary>Evaluates the guard.</summary>
    /// <param name="options">Options.</param>
    /// <param name="nowTicks">Now (injected clock ticks).</param>
    /// <param name="lastBookUpdateTicks">When the book last received a message.</param>
    /// <param name="venueLive">True when the venue is connected and trading.</param>
    public static ProtectionDecision Evaluate(StaleGuardOptions options, long nowTicks, long lastBookUpdateTicks, bool venueLive)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!venueLive) return new(ProtectionAction.PullQuotes, ProtectionReason.VenueNotLive);
        return nowTicks - lastBookUpdateTicks > options.MaxAge.Ticks
            ? new(ProtectionAction.PullQuotes, ProtectionReason.BookStale)
            : ProtectionDecision.Clear;
    }
}
