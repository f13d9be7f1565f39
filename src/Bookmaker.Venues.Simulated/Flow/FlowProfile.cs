using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// The order flow of one kind of market, as <c>bookmaker calibrate</c> measures it from a recording and as the
/// profile-driven simulation (<see cref="ProfileFlow"/>) reproduces it: the market's tick and price, the takers (arrival
/// rate, size distribution, sign persistence, impact), the book (spread and touch depth), the volatility, the markouts of
/// fills at the touch, and the model settings the recording cannot tell (informed share, latencies). Versioned JSON
/// (<see cref="Schema"/>); docs/simulation-calibration.md describes every field and how it is estimated.
/// </summary>
public sealed record FlowProfile
{
    /// <summary>The profile format this code reads and writes.</summary>
    public const string CurrentSchema = "bookmaker.flow-profile/1";

    /// <summary>Format version: <see cref="CurrentSchema"/>.</summary>
    [JsonPropertyName("schema")] public string Schema { get; init; } = CurrentSchema;

    /// <summary>Name shown in the run's simulation label.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "custom";

    /// <summary>Where the numbers came from (the recordings' file names, or "priors: …").</summary>
    [JsonPropertyName("source")] public string Source { get; init; } = "";

    /// <summary>Venue of the recording: polymarket, binance or bybit.</summary>
    [JsonPropertyName("venue")] public string Venue { get; init; } = "polymarket";

    /// <summary>The market the flow trades.</summary>
    [JsonPropertyName("market")] public ProfileMarket Market { get; init; } = new();

    /// <summary>Seconds of recording (summed over markets) the estimates rest on.</summary>
    [JsonPropertyName("observedSeconds")] public double ObservedSeconds { get; init; }

    /// <summary>Takers.</summary>
    [JsonPropertyName("takers")] public ProfileTakers Takers { get; init; } = new();

    /// <summary>The book.</summary>
    [JsonPropertyName("book")] public ProfileBook Book { get; init; } = new();

    /// <summary>Standard deviation of the mid's change over one minute, in ticks.</summary>
    [JsonPropertyName("volatilityTicksPerMinute")] public double VolatilityTicksPerMinute { get; init; }

    /// <summary>Markouts of fills at the touch (a resting order filled by a recorded taker).</summary>
    [JsonPropertyName("touchFills")] public ProfileTouchFills TouchFills { get; init; } = new();

    /// <summary>Settings of the simulation the recording does not determine (documented priors).</summary>
    [JsonPropertyName("model")] public ProfileModel Model { get; init; } = new();

    /// <summary>The neg-risk event and the competing arbitrageurs (priors; absent in older profiles, then no event).</summary>
    [JsonPropertyName("arbitrage")] public ProfileArbitrage Arbitrage { get; init; } = new();

    /// <summary>Fields that are priors rather than measurements (dotted JSON paths), e.g. when a recording has no trades.</summary>
    [JsonPropertyName("priors")] public IReadOnlyList<string> Priors { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The profile as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads a profile; throws <see cref="FormatException"/> naming what is wrong (not JSON, another schema, a market
    /// without a tick, rates out of range).
    /// </summary>
    public static FlowProfile FromJson(string json, string where)
    {
        FlowProfile? p;
        try
        {
            p = JsonSerializer.Deserialize<FlowProfile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{where}: not a flow profile ({e.Message})", e);
        }

        if (p is null) throw new FormatException($"{where}: empty flow profile");
        if (p.Schema != CurrentSchema) throw new FormatException($"{where}: schema '{p.Schema}' is not {CurrentSchema}");
        if (!(p.Market.Tick > 0)) throw new FormatException($"{where}: market.tick must be > 0");
        if (!(p.Market.ReferencePrice > 0)) throw new FormatException($"{where}: market.referencePrice must be > 0");
        if (p.Market.Kind == ProfileMarketKind.Binary && p.Market.ReferencePrice >= 1) throw new FormatException($"{where}: a binary market's referencePrice must be below 1");
        if (!(p.Takers.RatePerSecond >= 0) || p.Takers.RatePerSecond > 1000) throw new FormatException($"{where}: takers.ratePerSecond must be in [0, 1000]");
        if (p.Takers.SizeQuote.IsEmpty && p.Takers.RatePerSecond > 0) throw new FormatException($"{where}: takers.sizeQuote has no quantiles");
        if (p.Book.SpreadTicks.IsEmpty || p.Book.TouchDepthQuote.IsEmpty) throw new FormatException($"{where}: book.spreadTicks and book.touchDepthQuote need quantiles");
        if (!(p.Model.InformedShare is >= 0 and <= 1)) throw new FormatException($"{where}: model.informedShare must be in [0, 1]");
        if (!(p.Model.InformedMoveTicks is >= 0 and <= 100)) throw new FormatException($"{where}: model.informedMoveTicks must be in [0, 100]");
        if (!(p.Model.InformedLeadSeconds is >= 0 and <= 3600)) throw new FormatException($"{where}: model.informedLeadSeconds must be in [0, 3600]");
        if (p.Model.Makers is < 1 or > 20) throw new FormatException($"{where}: model.makers must be in [1, 20]");
        if (p.Arbitrage.EventOutcomes != 0 && p.Arbitrage.EventOutcomes is < 2 or > 20) throw new FormatException($"{where}: arbitrage.eventOutcomes must be 0 or in [2, 20]");
        if (p.Arbitrage.Competitors is < 0 or > 20) throw new FormatException($"{where}: arbitrage.competitors must be in [0, 20]");
        if (!(p.Arbitrage.LatencyMedianMs > 0) || !(p.Arbitrage.LatencySigma >= 0)) throw new FormatException($"{where}: arbitrage.latencyMedianMs must be > 0 and arbitrage.latencySigma >= 0");
        if (!(p.Arbitrage.Threshold >= 0) || !(p.Arbitrage.SizeCapQuote > 0)) throw new FormatException($"{where}: arbitrage.threshold must be >= 0 and arbitrage.sizeCapQuote > 0");
        return p;
    }

    /// <summary>Reads a profile file (see <see cref="FromJson"/>).</summary>
    public static FlowProfile Load(string path) => FromJson(File.ReadAllText(path), path);
}

/// <summary>Binary outcome token (price in 0..1) or a plain instrument (spot, perpetual).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProfileMarketKind>))]
public enum ProfileMarketKind
{
    /// <summary>A Polymarket-like YES/NO market.</summary>
    Binary,

    /// <summary>A plain instrument (crypto spot or perpetual).</summary>
    Plain,
}

/// <summary>The market a profile describes.</summary>
public sealed record ProfileMarket
{
    /// <summary>Binary or plain.</summary>
    [JsonPropertyName("kind")] public ProfileMarketKind Kind { get; init; } = ProfileMarketKind.Binary;

    /// <summary>Tick size.</summary>
    [JsonPropertyName("tick")] public decimal Tick { get; init; } = 0.01m;

    /// <summary>Size step.</summary>
    [JsonPropertyName("lot")] public decimal Lot { get; init; } = 0.01m;

    /// <summary>Minimum order size.</summary>
    [JsonPropertyName("minSize")] public decimal MinSize { get; init; } = 5m;

    /// <summary>Mid at the start of the recording (the simulation starts its value there).</summary>
    [JsonPropertyName("referencePrice")] public decimal ReferencePrice { get; init; } = 0.5m;
}

/// <summary>Taker flow: one taker order is every print of one side at one venue timestamp.</summary>
public sealed record ProfileTakers
{
    /// <summary>Taker orders per second per market.</summary>
    [JsonPropertyName("ratePerSecond")] public double RatePerSecond { get; init; }

    /// <summary>Taker orders observed.</summary>
    [JsonPropertyName("orders")] public int Orders { get; init; }

    /// <summary>Order size in quote currency (USD): Σ price × size of its prints.</summary>
    [JsonPropertyName("sizeQuote")] public QuantileDistribution SizeQuote { get; init; } = new();

    /// <summary>Lognormal fit of the size (mean of ln size).</summary>
    [JsonPropertyName("sizeLogMean")] public double SizeLogMean { get; init; }

    /// <summary>Lognormal fit of the size (standard deviation of ln size).</summary>
    [JsonPropertyName("sizeLogSigma")] public double SizeLogSigma { get; init; }

    /// <summary>Lag-1 autocorrelation of the orders' signs (+1 buy, −1 sell).</summary>
    [JsonPropertyName("signAutocorrelation")] public double SignAutocorrelation { get; init; }

    /// <summary>Mean of sign × (mid 10 s after − mid just before), in ticks.</summary>
    [JsonPropertyName("impact10sTicks")] public double Impact10sTicks { get; init; }
}

/// <summary>The book, sampled once a second while both sides are quoted.</summary>
public sealed record ProfileBook
{
    /// <summary>Best ask − best bid, in ticks.</summary>
    [JsonPropertyName("spreadTicks")] public QuantileDistribution SpreadTicks { get; init; } = new();

    /// <summary>Share of samples with a one-tick spread.</summary>
    [JsonPropertyName("oneTickShare")] public double OneTickShare { get; init; }

    /// <summary>Size at the best bid and at the best ask (one sample each), in quote currency.</summary>
    [JsonPropertyName("touchDepthQuote")] public QuantileDistribution TouchDepthQuote { get; init; } = new();
}

/// <summary>What a resting order at the touch earned when a recorded taker filled it (means over the taker orders).</summary>
public sealed record ProfileTouchFills
{
    /// <summary>Effective half spread: sign × (print price − mid before), in ticks.</summary>
    [JsonPropertyName("halfSpreadTicks")] public double HalfSpreadTicks { get; init; }

    /// <summary>The maker's markout 1 s after: −sign × (mid − price), ticks.</summary>
    [JsonPropertyName("markout1sTicks")] public double Markout1sTicks { get; init; }

    /// <summary>The same 10 s after.</summary>
    [JsonPropertyName("markout10sTicks")] public double Markout10sTicks { get; init; }

    /// <summary>The same 60 s after (NaN when the recording is shorter than a minute past every print).</summary>
    [JsonPropertyName("markout60sTicks")] public double Markout60sTicks { get; init; }
}

/// <summary>Simulation settings a recording does not determine; documented priors, editable in the JSON.</summary>
public sealed record ProfileModel
{
    /// <summary>Share of taker orders that know the value (they trade only when the book is off it).</summary>
    [JsonPropertyName("informedShare")] public double InformedShare { get; init; } = 0.2;

    /// <summary>Uninformed demand scales as (median spread / spread)^elasticity.</summary>
    [JsonPropertyName("spreadElasticity")] public double SpreadElasticity { get; init; } = 1.0;

    /// <summary>Competing makers per market.</summary>
    [JsonPropertyName("makers")] public int Makers { get; init; } = 4;

    /// <summary>Quote refreshes per second per maker (besides reactions to the touch moving).</summary>
    [JsonPropertyName("makerRefreshPerSecond")] public double MakerRefreshPerSecond { get; init; } = 0.5;

    /// <summary>How stale the makers' estimate of the value is, seconds.</summary>
    [JsonPropertyName("valueLagSeconds")] public double ValueLagSeconds { get; init; } = 1.0;

    /// <summary>Standard deviation of a maker's error about the lagged value, in ticks.</summary>
    [JsonPropertyName("valueNoiseTicks")] public double ValueNoiseTicks { get; init; } = 0.5;

    /// <summary>
    /// What an informed taker knows, ticks: with a positive value every informed order trades the touch in the direction
    /// of news of this size that becomes public up to <see cref="InformedLeadSeconds"/> later (its variance too comes out
    /// of the diffusion). 0 (the default): informed orders only pick off a book that is off the value.
    /// </summary>
    [JsonPropertyName("informedMoveTicks")] public double InformedMoveTicks { get; init; }

    /// <summary>Longest time between an informed order and the news it traded on becoming public, seconds (uniform).</summary>
    [JsonPropertyName("informedLeadSeconds")] public double InformedLeadSeconds { get; init; } = 5;

    /// <summary>Fastest reaction of a maker to the touch moving, milliseconds.</summary>
    [JsonPropertyName("reactionMinMs")] public double ReactionMinMs { get; init; } = 10;

    /// <summary>Slowest reaction, milliseconds.</summary>
    [JsonPropertyName("reactionMaxMs")] public double ReactionMaxMs { get; init; } = 100;

    /// <summary>Median feed delay (venue event → our book), milliseconds.</summary>
    [JsonPropertyName("feedLatencyMs")] public double FeedLatencyMs { get; init; } = 50;

    /// <summary>Median order round trip (request → matching → our report), milliseconds.</summary>
    [JsonPropertyName("orderRoundTripMs")] public double OrderRoundTripMs { get; init; } = 120;

    /// <summary>Log-space jitter of every delay (lognormal sigma).</summary>
    [JsonPropertyName("latencyJitter")] public double LatencyJitter { get; init; } = 0.25;
}

/// <summary>
/// A neg-risk event beside the profile's markets and the arbitrageurs who compete for its mispricings (issue 15, 4(e)).
/// No recording shows either: every field is a prior (docs/simulation-calibration.md).
/// </summary>
public sealed record ProfileArbitrage
{
    /// <summary>Outcomes of the one neg-risk event added to a binary profile's markets (0: no event).</summary>
    [JsonPropertyName("eventOutcomes")] public int EventOutcomes { get; init; }

    /// <summary>Competing arbitrageurs taking the event's mispriced asks.</summary>
    [JsonPropertyName("competitors")] public int Competitors { get; init; } = 3;

    /// <summary>Median of the competitors' latencies (sight of the book → their orders at the matching engine), ms.</summary>
    [JsonPropertyName("latencyMedianMs")] public double LatencyMedianMs { get; init; } = 110;

    /// <summary>Log-space spread of the competitors' latencies (each competitor draws its own once).</summary>
    [JsonPropertyName("latencySigma")] public double LatencySigma { get; init; } = 0.6;

    /// <summary>A competitor acts when the sum of the outcomes' best YES asks is below 1 − threshold (price units).</summary>
    [JsonPropertyName("threshold")] public double Threshold { get; init; }

    /// <summary>Most a competitor spends on one basket, quote currency.</summary>
    [JsonPropertyName("sizeCapQuote")] public double SizeCapQuote { get; init; } = 500;
}
