using System.Threading.RateLimiting;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// A token bucket on the library's <see cref="ReplenishingRateLimiter"/> contract whose refill follows an injected
/// <see cref="TimeProvider"/>. The framework's <c>TokenBucketRateLimiter</c> measures elapsed time with the
/// Stopwatch even when replenished by hand, so under a simulated clock it would never refill (or refill by wall time);
/// this one refills exactly <c>TokensPerPeriod</c> per elapsed period of the injected clock, which keeps simulated
/// runs deterministic. Acquisition never blocks: a request that cannot be served now fails (the risk gate turns that
/// into a denial or queues the intent itself), and leases are cached singletons, so a check allocates nothing.
/// The engine's risk gate and the Polymarket emulator's per-key limits share it (the emulator through
/// <see cref="TryTake"/>, <see cref="ForceDebit"/> and <see cref="WaitFor"/>). Not thread-safe: one owner, or a lock.
/// </summary>
public sealed class ClockedTokenBucket : ReplenishingRateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    private readonly TimeProvider _time;
    private readonly long _periodTicks;
    private readonly int _tokensPerPeriod;
    private readonly int _limit;
    private long _lastRefillTicks;
    private long _tokens;
    private long _successful;
    private long _failed;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="time">Clock that drives refills.</param>
    /// <param name="tokenLimit">Burst size.</param>
    /// <param name="tokensPerPeriod">Tokens added per period.</param>
    /// <param name="period">Refill period.</param>
    public ClockedTokenBucket(TimeProvider time, int tokenLimit, int tokensPerPeriod, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerPeriod, 1);
        if (period <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(period), "period must be positive");
        _time = time;
        _limit = tokenLimit;
        _tokensPerPeriod = tokensPerPeriod;
        _periodTicks = period.Ticks;
        _tokens = tokenLimit;
        _lastRefillTicks = time.GetUtcNow().UtcTicks;
    }

    /// <summary>Builds a bucket from a sustained rate per second and a burst.</summary>
    public static ClockedTokenBucket PerSecond(TimeProvider time, double ratePerSecond, int burst)
    {
        if (!(ratePerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "rate must be positive");
        // One token every 1/rate seconds, expressed as whole tokens per whole-tick period.
        long ticksPerToken = Math.Max(1, (long)Math.Round(TimeSpan.TicksPerSecond / ratePerSecond));
        return new ClockedTokenBucket(time, burst, 1, TimeSpan.FromTicks(ticksPerToken));
    }

    /// <inheritdoc />
    public override bool IsAutoReplenishing => false;

    /// <summary>Burst size: the most tokens the bucket holds.</summary>
    public int TokenLimit => _limit;

    /// <inheritdoc />
    public override TimeSpan ReplenishmentPeriod => TimeSpan.FromTicks(_periodTicks);

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => null;

    /// <summary>Tokens available now.</summary>
    public long Available
    {
        get
        {
            Refill();
            return _tokens;
        }
    }

    /// <summary>When a request for <paramref name="permits"/> tokens could next succeed (now if it can already).</summary>
    public TimeSpan WaitFor(int permits)
    {
        Refill();
        long missing = permits - _tokens;
        if (missing <= 0) return TimeSpan.Zero;
        long periods = (missing + _tokensPerPeriod - 1) / _tokensPerPeriod;
        long elapsedInPeriod = _time.GetUtcNow().UtcTicks - _lastRefillTicks;
        return TimeSpan.FromTicks(periods * _periodTicks - elapsedInPeriod);
    }

    /// <summary>
    /// Takes <paramref name="permits"/> tokens when the balance covers them; otherwise takes nothing and tells how long
    /// until it will (<see cref="WaitFor"/>), or <see cref="TimeSpan.MaxValue"/> for more than the burst, which can
    /// never be served. Unlike <see cref="RateLimiter.AttemptAcquire(int)"/> an oversized request is an answer, not an
    /// exception: a venue (or its emulator) answers it with a 429 like any other.
    /// </summary>
    public bool TryTake(int permits, out TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        if (permits > _limit)
        {
            _failed++;
            retryAfter = TimeSpan.MaxValue;
            return false;
        }

        bool granted = AttemptAcquireCore(permits).IsAcquired;
        retryAfter = granted ? TimeSpan.Zero : WaitFor(permits);
        return granted;
    }

    /// <summary>
    /// Takes tokens even if that drives the balance negative (a venue that debits cancels after the fact, as
    /// Polymarket does for cancel-all, is mirrored this way); later acquisitions wait until the debt is repaid.
    /// </summary>
    public void ForceDebit(int permits)
    {
        Refill();
        _tokens -= permits;
    }

    /// <summary>Empties the bucket (a venue 429 says our model was optimistic).</summary>
    public void Drain()
    {
        Refill();
        _tokens = Math.Min(_tokens, 0);
    }

    /// <inheritdoc />
    public override bool TryReplenish()
    {
        Refill();
        return true;
    }

    private void Refill()
    {
        long now = _time.GetUtcNow().UtcTicks;
        long elapsed = now - _lastRefillTicks;
        if (elapsed < _periodTicks) return;
        long periods = elapsed / _periodTicks;
        _lastRefillTicks += periods * _periodTicks;
        long add = periods * _tokensPerPeriod;
        _tokens = Math.Min(_limit, _tokens + add);
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics()
    {
        Refill();
        return new RateLimiterStatistics
        {
            CurrentAvailablePermits = _tokens,
            CurrentQueuedCount = 0,
            TotalFailedLeases = _failed,
            TotalSuccessfulLeases = _successful,
        };
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount > _limit) throw new ArgumentOutOfRangeException(nameof(permitCount), $"{permitCount} exceeds the burst of {_limit}");
        Refill();
        if (_tokens >= permitCount)
        {
            _tokens -= permitCount;
            _successful++;
            return Granted;
        }

        _failed++;
        return Refused;
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        // Shared singletons: disposing a lease returns nothing to a token bucket.
        protected override void Dispose(bool disposing) => base.Dispose(disposing);
    }
}
