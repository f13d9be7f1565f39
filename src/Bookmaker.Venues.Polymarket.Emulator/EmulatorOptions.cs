using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Orders;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>One binary market the emulator serves (YES/NO tokens sharing one book, as on the CTF exchange).</summary>
/// <param name="ConditionId">Condition id, "0x" + 64 hex.</param>
/// <param name="YesTokenId">YES token id (decimal uint256).</param>
/// <param name="NoTokenId">NO token id.</param>
/// <param name="Question">Question text.</param>
/// <param name="TickSize">Starting tick (0.1, 0.01, 0.001 or 0.0001).</param>
/// <param name="MinOrderSize">Minimum order size in shares.</param>
/// <param name="NegRisk">Neg-risk flag (orders must then be signed for NegRiskCtfExchangeV2).</param>
/// <param name="EventId">Gamma event this market belongs to (null = an event of its own).</param>
/// <param name="TakerFeeBps">
/// The taker fee rate published as the trades' <c>fee_rate_bps</c> and charged at match time as the adapter estimates
/// it without a fee curve (the exchange's formula bps × min(p, 1 − p) × shares / 10,000; the emulator's
/// <c>/clob-markets</c> publishes a zero curve): a taker BUY's fee in shares, a taker SELL's in pUSD, makers free (0 = no fees).
/// </param>
public sealed record EmulatedMarket(
    string ConditionId,
    string YesTokenId,
    string NoTokenId,
    string Question,
    Price TickSize,
    Quantity MinOrderSize,
    bool NegRisk = false,
    string? EventId = null,
    int TakerFeeBps = 0)
{
    /// <summary>The market's liquidity-reward programme (null = none): what <c>/clob-markets</c> and <c>/markets</c> publish and <c>/order-scoring</c> judges by.</summary>
    public EmulatedRewards? Rewards { get; init; }

    /// <summary>Gamma slug.</summary>
    public string Slug => "emulated-" + ConditionId[^8..];

    /// <summary>A deterministic sample market number <paramref name="n"/> (tick 0.01, min size 5).</summary>
    public static EmulatedMarket Sample(int n, bool negRisk = false) => new(
        "0x" + n.ToString("x2", System.Globalization.CultureInfo.InvariantCulture).PadLeft(64, 'c'),
        (1_000_000_000_000_000_000UL + (ulong)n * 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
        (1_000_000_000_000_000_000UL + (ulong)n * 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        $"Emulated market {n}?",
        Price.Parse("0.01"),
        Quantity.FromUnits(5),
        negRisk);
}

/// <summary>A market's liquidity-reward terms (polymarket-api.md §7.1).</summary>
/// <param name="MaxSpreadCents">v: an order scores only within this many cents of the size-cutoff-adjusted midpoint.</param>
/// <param name="MinSize">An order scores only when it still rests with at least this many shares.</param>
/// <param name="MinOrderAge">An order scores only once it has rested this long (<c>moas</c>; zero = the venue skips the rule).</param>
/// <param name="DailyRate">Reward pool per day in USDC (<c>rewards_daily_rate</c>), published only.</param>
public sealed record EmulatedRewards(decimal MaxSpreadCents, Quantity MinSize, TimeSpan MinOrderAge, decimal DailyRate = 100m);

/// <summary>What the emulated geoblock endpoint answers.</summary>
/// <param name="Blocked">True when trading from the caller's location is refused.</param>
/// <param name="Country">ISO country code.</param>
/// <param name="Region">Region code.</param>
public sealed record EmulatedGeoblock(bool Blocked, string Country, string Region);

/// <summary>Trading state of the whole venue (the 503 family of answers).</summary>
public enum TradingMode
{
    /// <summary>Orders and cancels accepted.</summary>
    Normal,

    /// <summary>New orders refused with 503 "Trading is currently cancel-only…"; cancels allowed.</summary>
    CancelOnly,

    /// <summary>Only post-only orders and cancels (503 <c>post_only_mode</c> with retry_after_seconds).</summary>
    PostOnly,

    /// <summary>Everything refused with 503 "Trading is currently disabled…".</summary>
    Disabled,
}

/// <summary>Per-API-key token bucket sizes (the venue's per-signer trading limits, §6.2 "Standard" tier by default).</summary>
/// <param name="OrderRatePerSecond">Order tokens refilled per second.</param>
/// <param name="OrderBurst">Order bucket size.</param>
/// <param name="CancelRatePerSecond">Cancel tokens refilled per second.</param>
/// <param name="CancelBurst">Cancel bucket size.</param>
/// <param name="Tier">Text of the <c>Poly-RateLimit-Tier</c> header.</param>
public sealed record RateLimitOptions(double OrderRatePerSecond = 40, int OrderBurst = 60, double CancelRatePerSecond = 80,
    int CancelBurst = 120, string Tier = "standard");

/// <summary>How the emulator is started and what it serves.</summary>
public sealed class EmulatorOptions
{
    /// <summary>
    /// The emulator's clock: order timestamps, heartbeat deadlines, token buckets, trade settlement steps, mode
    /// windows and GTD expiry all read it. Pass a <c>SimulatedTimeProvider</c> in tests and advance it; its timers fire
    /// the emulator's periodic work. Default: the system clock.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Port on 127.0.0.1; 0 (default) = any free port (read the chosen one from the host).</summary>
    public int Port { get; init; }

    /// <summary>Chain id the signatures are checked for (137 Polygon by default).</summary>
    public PolymarketContracts Contracts { get; init; } = PolymarketContracts.Polygon;

    /// <summary>Order version served by <c>GET /version</c> and required of signatures.</summary>
    public OrderVersion OrderVersion { get; init; } = OrderVersion.V2;

    /// <summary>Markets served. Default: two sample markets.</summary>
    public IReadOnlyList<EmulatedMarket> Markets { get; init; } = [EmulatedMarket.Sample(1), EmulatedMarket.Sample(2)];

    /// <summary>pUSD credited to every new API key's account.</summary>
    public Money InitialCollateral { get; init; } = Money.FromUnits(10_000);

    /// <summary>Outcome-token sets (1 YES + 1 NO per market) split for every new account, so it can sell.</summary>
    public Quantity InitialSetsPerMarket { get; init; } = Quantity.FromUnits(1_000);

    /// <summary>Rate limits per API key.</summary>
    public RateLimitOptions RateLimits { get; init; } = new();

    /// <summary>A session that has sent a heartbeat and then stays silent this long loses all its orders.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>MATCHED → MINED after this long (emulator clock).</summary>
    public TimeSpan MinedAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>MINED → CONFIRMED after this long.</summary>
    public TimeSpan ConfirmedAfter { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Probability that a trade's settlement fails (MATCHED → RETRYING → FAILED, the match undone on both accounts);
    /// drawn per trade from <see cref="FaultSeed"/>. <c>--faults trade.failed=P</c>.
    /// </summary>
    public double TradeFailProbability { get; init; }

    /// <summary>
    /// Probability that a trade goes RETRYING after MINED and confirms one <see cref="ConfirmedAfter"/> later.
    /// <c>--faults trade.retrying=P</c>.
    /// </summary>
    public double TradeRetryProbability { get; init; }

    /// <summary>Seed of the settlement fault draws (one per trade), so the same seed fails the same trades.</summary>
    public int FaultSeed { get; init; } = 1;

    /// <summary>Period of the emulator's housekeeping timer (on <see cref="Time"/>).</summary>
    public TimeSpan TimerPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Page size of CLOB <c>/markets</c>.</summary>
    public int MarketsPageSize { get; init; } = 100;

    /// <summary>Page size of <c>/data/orders</c> and <c>/data/trades</c>.</summary>
    public int DataPageSize { get; init; } = 100;

    /// <summary>When set, L2 requests whose POLY_TIMESTAMP differs from the emulator clock by more are refused (401).</summary>
    public TimeSpan? MaxTimestampSkew { get; init; }

    /// <summary>Expose the <c>/admin/*</c> HTTP endpoints (default true; the C# API is always available).</summary>
    public bool EnableAdminEndpoints { get; init; } = true;
}
