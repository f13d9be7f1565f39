using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// Every knob of <see cref="MarketMakerStrategy"/>: the pure core's options records plus the host's own (throttle,
/// timers, minimum spread, rebate, pause cool-down). Defaults follow docs/market-maker.md. Call <see cref="Validate"/>
/// at start-up and exit with code 2 on any error; the strategy's constructor throws on invalid options.
/// </summary>
/// <param name="Fair">Fair price (micro-price, optional external blend).</param>
/// <param name="Volatility">EWMA volatility of log returns.</param>
/// <param name="Model">Avellaneda–Stoikov or linear skew.</param>
/// <param name="Intensity">Trade-intensity estimator for κ.</param>
/// <param name="Ladder">Levels, sizes, inventory shrink, max inventory, post-only clamp.</param>
/// <param name="Router">Complement routing (Polymarket binary markets).</param>
/// <param name="Reconciler">Price/size tolerance for keeping resting orders.</param>
/// <param name="Gap">Gap guard.</param>
/// <param name="Stale">Stale-book guard.</param>
/// <param name="HoldTime">Max hold, forced exit grace and slippage cap.</param>
/// <param name="StopLoss">Per-position dollar stop and adverse-move stop.</param>
/// <param name="Markout">Toxic-flow markouts (widen, then pause).</param>
/// <param name="Edge">Expected-edge freeze.</param>
/// <param name="PostOnly">Post-only crossing-reject retries.</param>
public sealed record MarketMakerOptions(
    FairPriceOptions? Fair = null,
    EwmaVolatilityOptions? Volatility = null,
    AvellanedaStoikovOptions? Model = null,
    TradeIntensityOptions? Intensity = null,
    QuoteLadderOptions? Ladder = null,
    ComplementRouterOptions? Router = null,
    QuoteReconcilerOptions? Reconciler = null,
    GapGuardOptions? Gap = null,
    StaleGuardOptions? Stale = null,
    HoldTimeGuardOptions? HoldTime = null,
    StopLossGuardOptions? StopLoss = null,
    MarkoutTrackerOptions? Markout = null,
    EdgeGuardOptions? Edge = null,
    PostOnlyRetryOptions? PostOnly = null)
{
    /// <summary>Effective fair-price options.</summary>
    public FairPriceOptions FairOptions => Fair ?? new();

    /// <summary>Effective volatility options.</summary>
    public EwmaVolatilityOptions VolatilityOptions => Volatility ?? EwmaVolatilityOptions.Default;

    /// <summary>Effective model options.</summary>
    public AvellanedaStoikovOptions ModelOptions => Model ?? new();

    /// <summary>Effective intensity options.</summary>
    public TradeIntensityOptions IntensityOptions => Intensity ?? TradeIntensityOptions.Default;

    /// <summary>Effective ladder options.</summary>
    public QuoteLadderOptions LadderOptions => Ladder ?? new();

    /// <summary>Effective router options.</summary>
    public ComplementRouterOptions RouterOptions => Router ?? new();

    /// <summary>Effective reconciler options.</summary>
    public QuoteReconcilerOptions ReconcilerOptions => Reconciler ?? new();

    /// <summary>Effective gap-guard options.</summary>
    public GapGuardOptions GapOptions => Gap ?? new();

    /// <summary>Effective stale-guard options.</summary>
    public StaleGuardOptions StaleOptions => Stale ?? new();

    /// <summary>Effective hold-time options.</summary>
    public HoldTimeGuardOptions HoldTimeOptions => HoldTime ?? new();

    /// <summary>Effective stop-loss options.</summary>
    public StopLossGuardOptions StopLossOptions => StopLoss ?? new();

    /// <summary>Effective markout options.</summary>
    public MarkoutTrackerOptions MarkoutOptions => Markout ?? new();

    /// <summary>Effective edge-guard options.</summary>
    public EdgeGuardOptions EdgeOptions => Edge ?? new();

    /// <summary>Effective post-only retry options.</summary>
    public PostOnlyRetryOptions PostOnlyOptions => PostOnly ?? new();

    /// <summary>At most one requote per market per this much simulated time; updates in between mark the market dirty
    /// and the housekeeping tick requotes it (default 100 ms; 0 = requote on every book update).</summary>
    public TimeSpan RequoteInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Period of the housekeeping timer: stale checks, throttled requotes, hold-time unwinds (default 100 ms).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Narrowest total spread at level 0, in price units, on top of the ladder's tick minimum (default 0: none).</summary>
    public Price MinSpread { get; init; } = Price.Zero;

    /// <summary>Use κ fitted from public trades when the fit succeeds (default true); otherwise the configured κ.</summary>
    public bool FitKappa { get; init; } = true;

    /// <summary>How often κ is refitted per market (the fit walks the trade window; default 1 s).</summary>
    public TimeSpan KappaRefitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Maker rebate expected per fill, in bps of the fill price (negative: a maker fee). When set it overrides each
    /// market's fee model in the edge estimate — the quoted half-spread and the edge guard; null (the default): the
    /// market's own maker fee or rebate (<see cref="MarketMakerMarket.Fees"/>, the venue's fee tier per instrument).
    /// </summary>
    public double? RebateBps { get; init; }

    /// <summary>How long a market stays paused after the markout guard pauses it (default 10 min).</summary>
    public TimeSpan PauseCooldown { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A market with no quote of ours resting for this long raises the warning <c>mm_not_quoting</c>, naming the market,
    /// the reason and the inventory; it clears when the market quotes again (default 5 min). Time HALTED or in a markout
    /// pause does not count: those have their own alerts.
    /// </summary>
    public TimeSpan QuietAlertAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When set, each market's spread, size, inventory and slippage terms come from this resolver, once, at the market's
    /// first two-sided book (ticks, bps and notional need the instrument and a price); the options here then supply the
    /// rest. Null (the default): every market quotes with these options.
    /// </summary>
    public IMarketOptionsResolver? PerMarket { get; init; }

    /// <summary>Quote within the liquidity-reward band (rewards-aware tightening) when a market has reward parameters (default true).</summary>
    public bool TightenForRewards { get; init; } = true;

    /// <summary>Checks every rule of every part; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        errors.AddRange(FairOptions.Validate());
        errors.AddRange(VolatilityOptions.Validate());
        errors.AddRange(ModelOptions.Validate());
        errors.AddRange(IntensityOptions.Validate());
        errors.AddRange(LadderOptions.Validate());
        errors.AddRange(RouterOptions.Validate());
        errors.AddRange(ReconcilerOptions.Validate());
        errors.AddRange(GapOptions.Validate());
        errors.AddRange(StaleOptions.Validate());
        errors.AddRange(HoldTimeOptions.Validate());
        errors.AddRange(StopLossOptions.Validate());
        errors.AddRange(MarkoutOptions.Validate());
        errors.AddRange(EdgeOptions.Validate());
        errors.AddRange(PostOnlyOptions.Validate());
        OptionError.Check(errors, RequoteInterval >= TimeSpan.Zero, "mm.requoteInterval", RequoteInterval.ToString(), "must be >= 0");
        OptionError.Check(errors, TickInterval > TimeSpan.Zero, "mm.tickInterval", TickInterval.ToString(), "must be > 0");
        OptionError.Check(errors, MinSpread.Raw >= 0, "mm.minSpread", MinSpread.ToString(), "must be >= 0");
        OptionError.Check(errors, KappaRefitInterval > TimeSpan.Zero, "mm.kappaRefitInterval", KappaRefitInterval.ToString(), "must be > 0");
        OptionError.Check(errors, RebateBps is not { } rebate || double.IsFinite(rebate), "mm.rebateBps", OptionError.Text(RebateBps ?? 0), "must be finite");
        OptionError.Check(errors, PauseCooldown > TimeSpan.Zero, "mm.pauseCooldown", PauseCooldown.ToString(), "must be > 0");
        OptionError.Check(errors, QuietAlertAfter > TimeSpan.Zero, "mm.quietAlertAfter", QuietAlertAfter.ToString(), "must be > 0");
        return errors;
    }
}

/// <summary>One market the strategy makes: the quoted instrument (a binary market's YES token, or a crypto instrument)
/// and, for Polymarket, the market's liquidity-reward parameters.</summary>
/// <param name="Quoted">The YES token (its NO complement is found through <c>OutcomeLinks</c>) or a crypto instrument.</param>
/// <param name="Rewards">Reward parameters (max spread v, min size), or null when the market pays none.</param>
/// <param name="Fees">The market's fee model (both tokens of a binary market share its curve), or null for no fees: the
/// maker's fee widens the quoted half-spread and its rebate tightens it (<see cref="MakerFeeSpread"/>), the edge guard
/// charges the fee a quote can pay (a taker BUY's withheld shares included) and a forced exit's BUY is sized up so that
/// the shares kept after the fee cover the position it closes.</param>
public sealed record MarketMakerMarket(Core.Instruments.InstrumentId Quoted, RewardParameters? Rewards = null, Core.Fees.IFeeModel? Fees = null);
