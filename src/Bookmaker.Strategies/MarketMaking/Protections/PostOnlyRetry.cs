using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="PostOnlyRetry"/>.</summary>
/// <param name="MaxRetries">Retries after a post-only crossing reject (default 3).</param>
/// <param name="InitialBackoff">Wait before the first retry (default 50 ms).</param>
/// <param name="BackoffMultiplier">Each further retry waits this many times longer (default 2).</param>
public sealed record PostOnlyRetryOptions(int MaxRetries = 3, TimeSpan? InitialBackoff = null, double BackoffMultiplier = 2.0)
{
    /// <summary>Effective first backoff.</summary>
    public TimeSpan Backoff => InitialBackoff ?? TimeSpan.FromMilliseconds(50);

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, MaxRetries is >= 0 and <= 10, "mm.protect.postOnly.maxRetries", OptionError.Text(MaxRetries), "must be in [0, 10]");
        OptionError.Check(errors, Backoff >= TimeSpan.Zero, "mm.protect.postOnly.initialBackoff", Backoff.ToString(), "must be >= 0");
        OptionError.Check(errors, double.IsFinite(BackoffMultiplier) && BackoffMultiplier >= 1, "mm.protect.postOnly.backoffMultiplier", OptionError.Text(BackoffMultiplier), "must be >= 1");
        return errors;
    }
}

/// <summary>What to do after a post-only reject.</summary>
/// <param name="Retry">True to resend; false to give up on this quote until the next quoting cycle.</param>
/// <param name="Attempt">The retry number (1-based) this decision is for.</param>
/// <param name="Price">The new, less aggressive price.</param>
/// <param name="NotBeforeTicks">Earliest time to resend (the host arms a timer on the injected clock).</param>
public readonly record struct PostOnlyRetryDecision(bool Retry, int Attempt, Price Price, long NotBeforeTicks);

/// <summary>
/// Post-only crossing rejects: retry k (k = 1..MaxRetries) moves the price k ticks away from the touch — the venue
/// said the rejected price crossed, so the touch is at least as aggressive as it: bid_k = min(rejected, bestAsk) − k·tick,
/// ask_k = max(rejected, bestBid) + k·tick (without an opposite side: rejected ∓ k·tick) — and waits InitialBackoff × multiplier^(k−1). After MaxRetries, or if the price would leave the
/// bounds, it gives up.
/// </summary>
public static class PostOnlyRetry
{
    /// <summary>Decides the next retry after <paramref name="retriesSoFar"/> retries of an order rejected at <paramref name="rejectedPrice"/>.</summary>
    public static PostOnlyRetryDecision Next(
        PostOnlyRetryOptions options, int retriesSoFar, long nowTicks, Side side, Price rejectedPrice, in BookTop top, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instrument);
        int k = retriesSoFar + 1;
        if (k > options.MaxRetries) return new(false, k, rejectedPrice, nowTicks);
        Price tick = instrument.TickSize;
        Price away = new(checked(k * tick.Raw));
        Price p = side == Side.Buy
            ? (top.HasAsk ? Price.Min(rejectedPrice, top.BestAsk) - away : rejectedPrice - away).FloorTo(tick)
            : (top.HasBid ? Price.Max(rejectedPrice, top.BestBid) + away : rejectedPrice + away).CeilTo(tick);
        if (!instrument.IsValidPrice(p)) return new(false, k, p, nowTicks);
        double wait = options.Backoff.Ticks * Math.Pow(options.BackoffMultiplier, k - 1);
        return new(true, k, p, nowTicks + (long)wait);
    }
}
