namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="StaleGuard"/>.</summary>
/// <param name="MaxBookAge">
/// Optional backstop: longest time without a book message while the venue is live; null or zero = off (the default).
/// </param>
public sealed record StaleGuardOptions(TimeSpan? MaxBookAge = null)
{
    /// <summary>Effective maximum age; <see cref="TimeSpan.Zero"/> = off.</summary>
    public TimeSpan MaxAge => MaxBookAge ?? TimeSpan.Zero;

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, MaxAge >= TimeSpan.Zero, "mm.protect.stale.maxBookAge", MaxAge.ToString(), "must be >= 0 (0 = off)");
        return errors;
    }
}

/// <summary>
/// Stale guard: staleness is judged from the feed's liveness, never from how long a book has stood still. A venue that
/// is not live (disconnected, session lost, awaiting its reconciliation) pulls quotes; a book the feed declared stale
/// (disconnect, the adapter's per-asset watchdog, a malformed message) pulls them through <c>OrderBook.IsStale</c>.
/// The age of the last book message is only an optional backstop (off by default): on a still book our own cancel is
/// the next book message, so an age limit of half a second cancelled and re-placed quiet quotes every ~0.6 s forever.
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
        long maxAge = options.MaxAge.Ticks;
        return maxAge > 0 && nowTicks - lastBookUpdateTicks > maxAge
            ? new(ProtectionAction.PullQuotes, ProtectionReason.BookStale)
            : ProtectionDecision.Clear;
    }
}
