namespace Bookmaker.Venues.Bybit.Ws;

/// <summary>
/// Connection behaviour of a Bybit public stream: the venue asks for a ping every 20 s; reconnects back off from
/// 0.5 s by ×1.5 to 5 s with up to 250 ms of jitter (nautilus_trader's reference client does the same).
/// </summary>
public sealed record BybitStreamOptions
{
    /// <summary>The order-book depths the venue serves on linear and spot (500 was retired in 2025).</summary>
    public static IReadOnlyList<int> AllowedDepths => Engine.Configuration.BybitOptions.AllowedDepths;

    /// <summary>Order-book depth to subscribe (one of <see cref="AllowedDepths"/>).</summary>
    public int Depth { get; init; } = 50;

    /// <summary>Also follow each symbol's <c>priceLimit</c> topic (the venue's live order-price band, for the risk gate).</summary>
    public bool PriceLimits { get; init; } = true;

    /// <summary>Ping period.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>First reconnect delay.</summary>
    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Reconnect delay cap.</summary>
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest random addition to each reconnect delay.</summary>
    public TimeSpan ReconnectJitter { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No message at all (not even a pong) for this long ⇒ the connection is dead: reconnect.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Seed of the jitter (deterministic tests).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The reconnect delay after <paramref name="attempt"/> failed attempts (0-based), before jitter.</summary>
    public TimeSpan BackoffFor(int attempt)
    {
        double ms = ReconnectInitial.TotalMilliseconds * Math.Pow(1.5, Math.Min(attempt, 30));
        return TimeSpan.FromMilliseconds(Math.Min(ms, ReconnectMax.TotalMilliseconds));
    }

    /// <summary>Refuses a depth the venue does not serve (the message names the value and the allowed set).</summary>
    public void Validate()
    {
        if (!AllowedDepths.Contains(Depth))
            throw new ArgumentException($"Venue:Bybit:Depth={Depth}: Bybit serves order-book depths {string.Join(", ", AllowedDepths)} (500 was retired)");
    }
}
