namespace Bookmaker.Engine.Configuration;

/// <summary>How the market maker skews quotes for inventory.</summary>
public enum SkewMode
{
    /// <summary>No inventory skew.</summary>
    None,

    /// <summary>Reservation price shifted linearly with inventory.</summary>
    Linear,

    /// <summary>Avellaneda–Stoikov reservation price and spread.</summary>
    Avellaneda,
}

/// <summary>Horizon of the Avellaneda–Stoikov model.</summary>
public enum QuoteHorizon
{
    /// <summary>τ = one time unit, constant.</summary>
    Infinite,

    /// <summary>τ = time left to the market's end.</summary>
    Finite,
}

/// <summary>
/// Market-making strategy parameters (section <c>MarketMaker</c>). Model parameters are doubles-free decimals here;
/// the strategy may convert them to double for model math and rounds results to the tick directionally.
/// </summary>
public sealed record MarketMakerOptions
{
    /// <summary>Risk aversion γ of the reservation-price model.</summary>
    public required decimal Gamma { get; init; }

    /// <summary>Order-arrival decay κ.</summary>
    public required decimal Kappa { get; init; }

    /// <summary>Narrowest total spread quoted, in price units (probability for Polymarket).</summary>
    public required decimal MinSpread { get; init; }

    /// <summary>Narrowest total spread in ticks of each instrument (replaces <see cref="MinSpread"/> when set).</summary>
    public int? MinSpreadTicks { get; init; }

    /// <summary>Narrowest total spread in bps of each instrument's reference price, rounded up to the tick (replaces <see cref="MinSpread"/> when set).</summary>
    public decimal? MinSpreadBps { get; init; }

    /// <summary>Quote levels per side.</summary>
    public required int Levels { get; init; }

    /// <summary>Distance between levels, in ticks.</summary>
    public required int LevelSpacingTicks { get; init; }

    /// <summary>Size per quote level.</summary>
    public required Core.Values.Quantity QuoteSize { get; init; }

    /// <summary>Inventory skew model.</summary>
    public required SkewMode SkewMode { get; init; }

    /// <summary>Requote only when the target moved at least this many ticks.</summary>
    public required int RequoteThresholdTicks { get; init; }

    /// <summary>
    /// A quote younger than its market's minimum order age for reward scoring is replaced only when the target moved more
    /// than this many ticks (never less than <see cref="RequoteThresholdTicks"/>), so small moves do not restart its age.
    /// </summary>
    public int YoungQuoteRequoteTicks { get; init; } = 3;

    /// <summary>Linear skew: cents the reservation price moves per 100 shares of inventory.</summary>
    public decimal SkewCentsPer100 { get; init; } = 1m;

    /// <summary>A-S horizon.</summary>
    public QuoteHorizon Horizon { get; init; }

    /// <summary>Fit κ from public trades when possible (otherwise <see cref="Kappa"/>).</summary>
    public bool FitKappa { get; init; } = true;

    /// <summary>At most one requote per market per this interval (simulated time).</summary>
    public TimeSpan RequoteInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Quotes are post-only.</summary>
    public bool PostOnly { get; init; } = true;

    /// <summary>Largest |inventory| per market (binary net delta), in shares.</summary>
    public Core.Values.Quantity MaxInventory { get; init; } = Core.Values.Quantity.FromUnits(500);

    /// <summary>A resting order within this % of the desired size is kept.</summary>
    public decimal SizeTolerancePercent { get; init; } = 10m;

    /// <summary>Gap guard: widest book spread still quoted.</summary>
    public Core.Values.Price MaxSpread { get; init; } = Core.Values.Price.Parse("0.08");

    /// <summary>Gap guard in ticks of each instrument (replaces <see cref="MaxSpread"/> when set).</summary>
    public int? MaxSpreadTicks { get; init; }

    /// <summary>Gap guard in bps of each instrument's reference price, rounded up to the tick (replaces <see cref="MaxSpread"/> when set).</summary>
    public decimal? MaxSpreadBps { get; init; }

    /// <summary>
    /// Size per quote level as notional (quote currency): notional / reference price, rounded down to the lot, at least
    /// the instrument's minimum size (replaces <see cref="QuoteSize"/> when set).
    /// </summary>
    public Core.Values.Money? OrderNotional { get; init; }

    /// <summary>
    /// Largest |inventory| as notional (quote currency): notional / reference price, rounded down to the lot (replaces
    /// <see cref="MaxInventory"/> when set), so one limit means the same risk on a 60,000 USD coin and a 2 USD one.
    /// </summary>
    public Core.Values.Money? MaxInventoryNotional { get; init; }

    /// <summary>
    /// Per-instrument overrides (<c>MarketMaker:Markets:&lt;symbol&gt;:&lt;key&gt;</c>), by symbol (case-insensitive). A term
    /// set for an instrument, in any of its forms, replaces the section's term for that instrument.
    /// </summary>
    public IReadOnlyDictionary<string, MarketMakerQuoteTerms> Markets { get; init; } =
        new Dictionary<string, MarketMakerQuoteTerms>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The section's instrument-shaped terms exactly as the operator set them (every form, absolute ones included; a
    /// default is not set). On a crypto instrument a term set in no form, here or in its override, takes the crypto
    /// default instead of the Polymarket-shaped one (docs/configuration.md, "Terms on any instrument").
    /// </summary>
    public MarketMakerQuoteTerms SectionTerms { get; init; } = MarketMakerQuoteTerms.Empty;

    /// <summary>True when some term must be resolved per instrument: a relative form or a per-instrument override.</summary>
    public bool HasInstrumentTerms => MinSpreadTicks is not null || MinSpreadBps is not null || MaxSpreadTicks is not null
        || MaxSpreadBps is not null || OrderNotional is not null || MaxInventoryNotional is not null || Markets.Count > 0;

    /// <summary>
    /// Stale guard backstop: longest time without a book message while the venue is live; zero = off (the default —
    /// staleness comes from the feed's liveness, and a still book is not a stale one).
    /// </summary>
    public TimeSpan MaxBookAge { get; init; } = TimeSpan.Zero;

    /// <summary>Hold-time guard: passive unwinding after this.</summary>
    public TimeSpan MaxHold { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Hold-time guard: forced taker exit this long after <see cref="MaxHold"/>.</summary>
    public TimeSpan ForcedExitAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Forced exit: worst distance from the touch.</summary>
    public Core.Values.Price MaxSlippage { get; init; } = Core.Values.Price.Parse("0.02");

    /// <summary>Per-position unrealised loss that triggers unwinding.</summary>
    public Core.Values.Money StopLoss { get; init; } = Core.Values.Money.FromUnits(50);

    /// <summary>Adverse move from the average entry, in %, that triggers unwinding.</summary>
    public decimal MaxAdverseMovePercent { get; init; } = 20m;

    /// <summary>Markout (bps) below which spreads widen.</summary>
    public decimal MarkoutThresholdBps { get; init; } = -10m;

    /// <summary>Half-spread multiplier while markouts are below the threshold.</summary>
    public decimal MarkoutWidenFactor { get; init; } = 1.5m;

    /// <summary>Markouts below the threshold this long pause the market.</summary>
    public TimeSpan MarkoutPauseAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a paused market stays paused.</summary>
    public TimeSpan PauseCooldown { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A market without a resting quote this long raises <c>mm_not_quoting</c> (market and reason).</summary>
    public TimeSpan QuietAlertAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Expected edge (bps) below which quoting freezes.</summary>
    public decimal MinEdgeBps { get; init; } = 5m;

    /// <summary>Maker rebate expected per fill, bps; null (unset): each instrument's own maker fee or rebate.</summary>
    public decimal? RebateBps { get; init; }

    /// <summary>Retries after a post-only crossing reject.</summary>
    public int PostOnlyRetries { get; init; } = 3;

    /// <summary>Wait before the first post-only retry (doubling after).</summary>
    public TimeSpan PostOnlyBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("MarketMaker:Gamma", "10", "decimal > 0", "Risk aversion γ of the A-S model, per (100-share lot × price)."),
        new("MarketMaker:Kappa", "100", "decimal > 0", "Order-arrival decay κ per price unit (100: e-fold per cent); fallback when the fit fails."),
        new("MarketMaker:MinSpread", "0.02", "decimal > 0; not with MinSpreadTicks or MinSpreadBps", "Narrowest total spread quoted (price units)."),
        new("MarketMaker:MinSpreadTicks", null, "optional; whole number in 1..100000; not with MinSpread or MinSpreadBps", "Narrowest total spread in ticks of each instrument."),
        new("MarketMaker:MinSpreadBps", null, "optional; decimal in (0, 10000); not with MinSpread or MinSpreadTicks", "Narrowest total spread in bps of each instrument's reference price (its first mid), rounded up to the tick."),
        new("MarketMaker:Levels", "1", "whole number in 1..10", "Quote levels per side."),
        new("MarketMaker:LevelSpacingTicks", "1", "whole number > 0", "Distance between levels in ticks."),
        new("MarketMaker:QuoteSize", "10", "exact quantity > 0; not with OrderNotional", "Size per quote level."),
        new("MarketMaker:OrderNotional", null, "optional; exact amount > 0; not with QuoteSize", "Size per quote level as notional: notional / reference price, rounded down to the lot, at least the minimum size."),
        new("MarketMaker:SkewMode", "linear", "one of none, linear, avellaneda", "Inventory skew model."),
        new("MarketMaker:RequoteThresholdTicks", "1", "whole number >= 0", "Requote only when the target moves this far."),
        new("MarketMaker:YoungQuoteRequoteTicks", "3", "whole number in [0, 100]",
            "A quote younger than the market's reward minimum order age is replaced only when the target moves more than this (at least RequoteThresholdTicks)."),
        new("MarketMaker:SkewCentsPer100", "1", "decimal >= 0", "Linear skew: cents the reservation moves per 100 shares of inventory."),
        new("MarketMaker:Horizon", "infinite", "one of infinite, finite", "A-S horizon: constant τ or time to the market's end."),
        new("MarketMaker:FitKappa", "true", "true or false", "Fit κ from public trades when possible."),
        new("MarketMaker:RequoteInterval", "250ms", "duration >= 0", "At most one requote per market per this interval."),
        new("MarketMaker:PostOnly", "true", "true or false", "Quotes are post-only."),
        new("MarketMaker:MaxInventory", "500", "exact quantity > 0; not with MaxInventoryNotional", "Largest |inventory| per market; beyond it only the reducing side is quoted."),
        new("MarketMaker:MaxInventoryNotional", null, "optional; exact amount > 0; not with MaxInventory", "Largest |inventory| per market as notional: notional / reference price, rounded down to the lot."),
        new("MarketMaker:SizeTolerancePercent", "10", "decimal in [0, 100]", "A resting order within this % of the desired size keeps its queue place."),
        new("MarketMaker:MaxSpread", "0.08", "exact price > 0; not with MaxSpreadTicks or MaxSpreadBps", "Gap guard: widest book spread still quoted."),
        new("MarketMaker:MaxSpreadTicks", null, "optional; whole number in 1..100000; not with MaxSpread or MaxSpreadBps", "Gap guard in ticks of each instrument."),
        new("MarketMaker:MaxSpreadBps", null, "optional; decimal in (0, 10000); not with MaxSpread or MaxSpreadTicks", "Gap guard in bps of each instrument's reference price, rounded up to the tick."),
        new("MarketMaker:MaxBookAge", "0s", "duration >= 0 (0 = off)", "Stale guard backstop: quotes pulled after this long without a book message. Off by default: staleness is judged from the feed (venue live, per-asset watchdog), since on a still book the guard churned quotes."),
        new("MarketMaker:MaxHold", "1h", "duration > 0", "Passive unwinding of a position held longer than this."),
        new("MarketMaker:ForcedExitAfter", "5m", "duration >= 0", "Forced taker exit this long after MaxHold."),
        new("MarketMaker:MaxSlippage", "0.02", "exact price >= 0", "Forced exit limit: touch ∓ this."),
        new("MarketMaker:StopLoss", "50", "exact amount > 0", "Per-position unrealised loss (USD) that starts unwinding."),
        new("MarketMaker:MaxAdverseMovePercent", "20", "decimal > 0", "Adverse move from entry (%) that starts unwinding."),
        new("MarketMaker:MarkoutThresholdBps", "-10", "decimal", "Markout (bps) below which spreads widen."),
        new("MarketMaker:MarkoutWidenFactor", "1.5", "decimal >= 1", "Half-spread multiplier while markouts are toxic."),
        new("MarketMaker:MarkoutPauseAfter", "5m", "duration > 0", "Toxic markouts this long pause the market."),
        new("MarketMaker:PauseCooldown", "10m", "duration > 0", "How long a paused market stays paused."),
        new("MarketMaker:QuietAlertAfter", "5m", "duration > 0", "A market without a resting quote this long raises the warning mm_not_quoting naming it and the reason."),
        new("MarketMaker:MinEdgeBps", "5", "decimal", "Freeze quoting when the expected edge (bps) falls below this."),
        new("MarketMaker:RebateBps", null, "optional; decimal", "Maker rebate expected per fill (bps; negative: a maker fee), counted in the quoted half-spread and the edge; overrides each instrument's maker fee or rebate from its fee model."),
        new("MarketMaker:PostOnlyRetries", "3", "whole number in 0..10", "Retries after a post-only crossing reject."),
        new("MarketMaker:PostOnlyBackoff", "50ms", "duration >= 0", "Wait before the first post-only retry (doubling after)."),
    ];

    internal static MarketMakerOptions Bind(ConfigReader r)
    {
        var o = new MarketMakerOptions
        {
            Gamma = r.Number("MarketMaker:Gamma"),
            Kappa = r.Number("MarketMaker:Kappa"),
            MinSpread = r.Number("MarketMaker:MinSpread"),
            Levels = r.WholeNumber("MarketMaker:Levels"),
            LevelSpacingTicks = r.WholeNumber("MarketMaker:LevelSpacingTicks"),
            QuoteSize = r.Quantity("MarketMaker:QuoteSize"),
            SkewMode = r.Enum<SkewMode>("MarketMaker:SkewMode"),
            RequoteThresholdTicks = r.WholeNumber("MarketMaker:RequoteThresholdTicks"),
            YoungQuoteRequoteTicks = r.WholeNumber("MarketMaker:YoungQuoteRequoteTicks"),
            SkewCentsPer100 = r.Number("MarketMaker:SkewCentsPer100"),
            Horizon = r.Enum<QuoteHorizon>("MarketMaker:Horizon"),
            FitKappa = r.Boolean("MarketMaker:FitKappa"),
            RequoteInterval = r.Duration("MarketMaker:RequoteInterval"),
            PostOnly = r.Boolean("MarketMaker:PostOnly"),
            MaxInventory = r.Quantity("MarketMaker:MaxInventory"),
            SizeTolerancePercent = r.Number("MarketMaker:SizeTolerancePercent"),
            MaxSpread = r.Price("MarketMaker:MaxSpread"),
            MaxBookAge = r.Duration("MarketMaker:MaxBookAge"),
            MaxHold = r.Duration("MarketMaker:MaxHold"),
            ForcedExitAfter = r.Duration("MarketMaker:ForcedExitAfter"),
            MaxSlippage = r.Price("MarketMaker:MaxSlippage"),
            StopLoss = r.Money("MarketMaker:StopLoss"),
            MaxAdverseMovePercent = r.Number("MarketMaker:MaxAdverseMovePercent"),
            MarkoutThresholdBps = r.Number("MarketMaker:MarkoutThresholdBps"),
            MarkoutWidenFactor = r.Number("MarketMaker:MarkoutWidenFactor"),
            MarkoutPauseAfter = r.Duration("MarketMaker:MarkoutPauseAfter"),
            PauseCooldown = r.Duration("MarketMaker:PauseCooldown"),
            QuietAlertAfter = r.Duration("MarketMaker:QuietAlertAfter"),
            MinEdgeBps = r.Number("MarketMaker:MinEdgeBps"),
            RebateBps = r.IsSet("MarketMaker:RebateBps") ? r.Number("MarketMaker:RebateBps") : null,
            PostOnlyRetries = r.WholeNumber("MarketMaker:PostOnlyRetries"),
            PostOnlyBackoff = r.Duration("MarketMaker:PostOnlyBackoff"),
        };
        r.Require("MarketMaker:Gamma", o.Gamma > 0m, "must be > 0");
        r.Require("MarketMaker:Kappa", o.Kappa > 0m, "must be > 0");
        r.Require("MarketMaker:MinSpread", o.MinSpread > 0m, "must be > 0");
        r.Require("MarketMaker:Levels", o.Levels is >= 1 and <= 10, "must be in 1..10");
        r.Require("MarketMaker:LevelSpacingTicks", o.LevelSpacingTicks > 0, "must be > 0");
        r.Require("MarketMaker:QuoteSize", o.QuoteSize > Core.Values.Quantity.Zero, "must be > 0");
        r.Require("MarketMaker:RequoteThresholdTicks", o.RequoteThresholdTicks >= 0, "must be >= 0");
        r.Require("MarketMaker:YoungQuoteRequoteTicks", o.YoungQuoteRequoteTicks is >= 0 and <= 100, "must be in [0, 100]");
        r.Require("MarketMaker:SkewCentsPer100", o.SkewCentsPer100 >= 0m, "must be >= 0");
        r.Require("MarketMaker:RequoteInterval", o.RequoteInterval >= TimeSpan.Zero, "must be >= 0");
        r.Require("MarketMaker:MaxInventory", o.MaxInventory > Core.Values.Quantity.Zero, "must be > 0");
        r.Require("MarketMaker:SizeTolerancePercent", o.SizeTolerancePercent is >= 0m and <= 100m, "must be in [0, 100]");
        r.Require("MarketMaker:MaxSpread", o.MaxSpread.Raw > 0, "must be > 0");
        r.Require("MarketMaker:MaxBookAge", o.MaxBookAge >= TimeSpan.Zero, "must be >= 0 (0 = off)");
        r.Require("MarketMaker:MaxHold", o.MaxHold > TimeSpan.Zero, "must be > 0");
        r.Require("MarketMaker:ForcedExitAfter", o.ForcedExitAfter >= TimeSpan.Zero, "must be >= 0");
        r.Require("MarketMaker:MaxSlippage", o.MaxSlippage.Raw >= 0, "must be >= 0");
        r.Require("MarketMaker:StopLoss", o.StopLoss.Raw > 0, "must be > 0");
        r.Require("MarketMaker:MaxAdverseMovePercent", o.MaxAdverseMovePercent > 0m, "must be > 0");
        r.Require("MarketMaker:MarkoutWidenFactor", o.MarkoutWidenFactor >= 1m, "must be >= 1");
        r.Require("MarketMaker:MarkoutPauseAfter", o.MarkoutPauseAfter > TimeSpan.Zero, "must be > 0");
        r.Require("MarketMaker:PauseCooldown", o.PauseCooldown > TimeSpan.Zero, "must be > 0");
        r.Require("MarketMaker:QuietAlertAfter", o.QuietAlertAfter > TimeSpan.Zero, "must be > 0");
        r.Require("MarketMaker:PostOnlyRetries", o.PostOnlyRetries is >= 0 and <= 10, "must be in 0..10");
        r.Require("MarketMaker:PostOnlyBackoff", o.PostOnlyBackoff >= TimeSpan.Zero, "must be >= 0");
        var global = MarketMakerQuoteTerms.Bind(r, Section, r.IsSet);
        return o with
        {
            MinSpreadTicks = global.MinSpreadTicks,
            MinSpreadBps = global.MinSpreadBps,
            MaxSpreadTicks = global.MaxSpreadTicks,
            MaxSpreadBps = global.MaxSpreadBps,
            OrderNotional = global.OrderNotional,
            MaxInventoryNotional = global.MaxInventoryNotional,
            SectionTerms = global,
            Markets = BindMarkets(r),
        };
    }

    private const string Section = "MarketMaker:";

    /// <summary>Prefix of the per-instrument overrides.</summary>
    internal const string MarketsPrefix = "MarketMaker:Markets:";

    /// <summary>The overrides of every symbol named under <see cref="MarketsPrefix"/>.</summary>
    private static Dictionary<string, MarketMakerQuoteTerms> BindMarkets(ConfigReader r)
    {
        var markets = new Dictionary<string, MarketMakerQuoteTerms>(StringComparer.OrdinalIgnoreCase);
        var symbols = r.KeysUnder(MarketsPrefix)
            .Select(k => k[MarketsPrefix.Length..])
            .Where(rest => rest.Contains(':'))
            .Select(rest => rest[..rest.IndexOf(':')])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (string symbol in symbols)
            markets[symbol] = MarketMakerQuoteTerms.Bind(r, MarketsPrefix + symbol + ":", r.IsSet);
        return markets;
    }

    /// <summary>
    /// True when <paramref name="key"/> is a per-instrument override, <c>MarketMaker:Markets:&lt;symbol&gt;:&lt;name&gt;</c>
    /// with a non-empty symbol and a name that may be overridden; its rule is returned.
    /// </summary>
    internal static bool IsMarketOverride(string key, out string rule)
    {
        rule = string.Empty;
        if (!key.StartsWith(MarketsPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        string rest = key[MarketsPrefix.Length..];
        int colon = rest.IndexOf(':');
        if (colon <= 0) return false;
        string name = rest[(colon + 1)..];
        foreach (var (n, r) in MarketMakerQuoteTerms.Overridable)
        {
            if (!string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) continue;
            rule = r;
            return true;
        }

        return false;
    }
}
