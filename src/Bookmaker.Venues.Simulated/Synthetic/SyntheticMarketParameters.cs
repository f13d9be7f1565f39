namespace Bookmaker.Venues.Simulated.Synthetic;

/// <summary>
/// The behaviour of one synthetic market: its latent fair probability (a logit random walk with jumps) and the agents
/// that trade it. Rates are per second of simulated time.
/// </summary>
public sealed record SyntheticMarketParameters
{
    /// <summary>Fair probability at start.</summary>
    public double InitialFair { get; init; } = 0.5;

    /// <summary>Diffusion of the logit per √second.</summary>
    public double Volatility { get; init; } = 0.01;

    /// <summary>News jumps per second.</summary>
    public double JumpRate { get; init; } = 1.0 / 120;

    /// <summary>Standard deviation of a jump in logit units.</summary>
    public double JumpSigma { get; init; } = 0.6;

    /// <summary>Liquidity providers quoting this market.</summary>
    public int Makers { get; init; } = 3;

    /// <summary>Quote refreshes per second per maker.</summary>
    public double MakerRefreshRate { get; init; } = 0.7;

    /// <summary>Narrowest half spread a maker quotes, in ticks.</summary>
    public int MinHalfSpreadTicks { get; init; } = 1;

    /// <summary>Widest half spread a maker quotes, in ticks.</summary>
    public int MaxHalfSpreadTicks { get; init; } = 6;

    /// <summary>Chance a refresh pulls the maker's quotes for a while (empty or thin books, gaps).</summary>
    public double PullProbability { get; init; } = 0.04;

    /// <summary>Longest pull, seconds (uniform from a quarter of it).</summary>
    public double MaxPullSeconds { get; init; } = 20;

    /// <summary>Chance a refresh quotes only one side (one-sided books).</summary>
    public double OneSidedProbability { get; init; } = 0.1;

    /// <summary>Smallest maker quote size, shares.</summary>
    public int MinQuoteSize { get; init; } = 10;

    /// <summary>Largest maker quote size, shares.</summary>
    public int MaxQuoteSize { get; init; } = 200;

    /// <summary>Noise-trader arrivals per second (random side and size, marketable).</summary>
    public double NoiseRate { get; init; } = 1.5;

    /// <summary>Informed-trader arrivals per second (trade only when the book is off the fair value).</summary>
    public double InformedRate { get; init; } = 1.0;

    /// <summary>Bursts per second: clustered arrivals at <see cref="BurstMultiplier"/> times the usual rates.</summary>
    public double BurstRate { get; init; } = 1.0 / 60;

    /// <summary>Rate multiplier during a burst.</summary>
    public double BurstMultiplier { get; init; } = 8;

    /// <summary>Burst length, seconds.</summary>
    public double BurstSeconds { get; init; } = 3;

    /// <summary>Use the Polymarket tick rule: 0.001 below 0.04 and above 0.96, 0.01 in between (with hysteresis).</summary>
    public bool DynamicTick { get; init; } = true;

    /// <summary>A market near resolution: fair near 0.02 or 0.98, slower walk.</summary>
    public static SyntheticMarketParameters NearResolution(double fair) => new()
    {
        InitialFair = fair,
        Volatility = 0.02,
        JumpRate = 1.0 / 300,
        JumpSigma = 0.5,
        MaxHalfSpreadTicks = 4,
    };
}

/// <summary>A neg-risk event: several binary markets whose YES fair values sum to 1, with occasional mispricings.</summary>
/// <param name="EventId">Event id.</param>
/// <param name="Markets">Market indices (engine order) of the outcomes.</param>
/// <param name="MispricingRate">Mispricing episodes per second: a stale seller quotes every outcome below fair.</param>
/// <param name="MispricingSeconds">Length of an episode.</param>
public sealed record SyntheticEvent(string EventId, IReadOnlyList<int> Markets, double MispricingRate = 1.0 / 45, double MispricingSeconds = 4);
