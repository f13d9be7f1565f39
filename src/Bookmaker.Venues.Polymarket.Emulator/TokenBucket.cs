namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// A token bucket on the emulator clock. Batches are all-or-nothing; cancel-all style costs are debited after the
/// fact and may drive the balance negative (the venue's "negative cancel balance").
/// </summary>
internal sealed class TokenBucket(TimeProvider time, double ratePerSecond, int burst)
{
    private double _tokens = burst;
    private long _lastTicks = time.GetUtcNow().UtcTicks;

    public int Burst => burst;

    public double Available
    {
        get
        {
            Refill();
            return _tokens;
        }
    }

    /// <summary>Takes <paramref name="cost"/> tokens, or returns how long until they are there.</summary>
    public bool TryTake(int cost, out TimeSpan retryAfter)
    {
        Refill();
        if (cost <= _tokens)
        {
            _tokens -= cost;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = cost > burst || ratePerSecond <= 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds((cost - _tokens) / ratePerSecond);
        return false;
    }

    public void Debit(int cost)
    {
        Refill();
        _tokens -= cost;
    }

    /// <summary>When the bucket will be full again.</summary>
    public DateTimeOffset FullAt()
    {
        Refill();
        double missing = burst - _tokens;
        return time.GetUtcNow() + (missing <= 0 || ratePerSecond <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing / ratePerSecond));
    }

    private void Refill()
    {
        long now = time.GetUtcNow().UtcTicks;
        if (now <= _lastTicks) return;
        _tokens = Math.Min(burst, _tokens + (now - _lastTicks) / (double)TimeSpan.TicksPerSecond * ratePerSecond);
        _lastTicks = now;
    }
}
