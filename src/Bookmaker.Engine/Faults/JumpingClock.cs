namespace Bookmaker.Engine.Faults;

/// <summary>
/// A fire drill of the system clock: the wall time of <paramref name="inner"/>, shifted by <paramref name="offset"/> once
/// <paramref name="after"/> of monotonic time has passed since creation — what an NTP step or an operator's
/// <c>date -s</c> does to a running engine. Timers and timestamps stay monotonic, as the system's do.
/// </summary>
public sealed class JumpingClock(TimeProvider inner, TimeSpan after, TimeSpan offset) : TimeProvider
{
    private readonly long _start = inner.GetTimestamp();

    /// <summary>True once the jump happened.</summary>
    public bool Jumped => inner.GetElapsedTime(_start) >= after;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Jumped ? inner.GetUtcNow() + offset : inner.GetUtcNow();

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp();

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);
}
