using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Configuration;

/// <summary>Time in force of an arbitrage basket's entry legs.</summary>
public enum ArbLegTimeInForce
{
    /// <summary>Fill or kill: each leg fills whole or not at all.</summary>
    Fok,

    /// <summary>Fill and kill: each leg takes what is there, the rest is cancelled.</summary>
    Fak,
}

/// <summary>
/// Arbitrage strategy parameters (section <c>Strategies:Arbitrage</c>): what the scanner accepts, how the basket
/// executor sends legs and how it repairs a half-filled basket. Mapped onto the scanner and executor options by
/// <c>Bookmaker.Strategies.Arbitrage.Execution.ArbitrageStrategyOptions.From</c>.
/// </summary>
public sealed record ArbitrageOptions
{
    /// <summary>Profit required per $1 set after every fee.</summary>
    public required Money MinProfitPerSet { get; init; }

    /// <summary>Most sets per basket.</summary>
    public required Quantity MaxSets { get; init; }

    /// <summary>Most cash one basket may cost (incl. fees).</summary>
    public required Money MaxBasketNotional { get; init; }

    /// <summary>The same basket at the same prices is reported again only after this long.</summary>
    public required TimeSpan Cooldown { get; init; }

    /// <summary>Trade neg-risk events with an "Other"/placeholder outcome.</summary>
    public required bool IncludePlaceholderEvents { get; init; }

    /// <summary>Book levels per leg copied into a basket.</summary>
    public required int Depth { get; init; }

    /// <summary>Entry legs' time in force.</summary>
    public required ArbLegTimeInForce LegTimeInForce { get; init; }

    /// <summary>A leg without a final answer this long after it left is cancelled and treated as timed out.</summary>
    public required TimeSpan LegTimeout { get; init; }

    /// <summary>A basket still unhedged this long after detection raises a WARNING alert (and repairs turn aggressive).</summary>
    public required TimeSpan UnwindTimeout { get; init; }

    /// <summary>A basket still unhedged this long after detection: CRITICAL alert and the engine goes REDUCING.</summary>
    public required TimeSpan GiveUpTimeout { get; init; }

    /// <summary>After a basket stayed unhedged past the unwind deadline, its market gets no new basket for this long once hedged.</summary>
    public required TimeSpan UnhedgedQuarantine { get; init; }

    /// <summary>Most a basket may lose when it is completed instead of unwound.</summary>
    public required Money LossCap { get; init; }

    /// <summary>How far an unwind may trade through the best price.</summary>
    public required Price SlippageCap { get; init; }

    /// <summary>The slippage cap after the unwind deadline.</summary>
    public required Price AggressiveSlippageCap { get; init; }

    /// <summary>Pause before a repair is retried after a denial or an impossible decision.</summary>
    public required TimeSpan RetryInterval { get; init; }

    /// <summary>How long a completion that would keep too little of the expected edge waits for a better price (zero: never).</summary>
    public TimeSpan CompletionPatience { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The share of the expected edge a completion must keep to go at once instead of waiting.</summary>
    public decimal CompletionEdgeShare { get; init; } = 0.8m;

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Strategies:Arbitrage:MinProfitPerSet", "0.005", "exact amount in [0, 1)", "Profit required per $1 set after every fee."),
        new("Strategies:Arbitrage:MaxSets", "1000", "exact quantity > 0", "Most sets per basket."),
        new("Strategies:Arbitrage:MaxBasketNotional", "500", "exact amount > 0 (USD)", "Most cash one basket may cost, fees included."),
        new("Strategies:Arbitrage:Cooldown", "5s", "duration >= 0", "An unchanged opportunity is reported again only after this long."),
        new("Strategies:Arbitrage:IncludePlaceholderEvents", "false", "true or false", "Trade neg-risk events with an Other/placeholder outcome."),
        new("Strategies:Arbitrage:Depth", "10", "whole number in 1..50", "Book levels per leg the scanner walks."),
        new("Strategies:Arbitrage:LegTimeInForce", "fok", "one of fok, fak", "Time in force of a basket's entry legs."),
        new("Strategies:Arbitrage:LegTimeout", "2s", "duration > 0", "A leg without a final answer this long is cancelled and treated as timed out."),
        new("Strategies:Arbitrage:UnwindTimeout", "10s", "duration > LegTimeout", "An unhedged basket this long after detection raises WARNING arb_unhedged; repairs turn aggressive."),
        new("Strategies:Arbitrage:GiveUpTimeout", "1m", "duration > UnwindTimeout", "Still unhedged this long after detection: arb_unhedged turns CRITICAL and the engine goes REDUCING until resumed."),
        new("Strategies:Arbitrage:UnhedgedQuarantine", "30m", "duration >= 0", "After a basket stayed unhedged past UnwindTimeout, no new basket on its market for this long once hedged."),
        new("Strategies:Arbitrage:LossCap", "1", "exact amount >= 0 (USD)", "Most a basket may lose when it is completed instead of unwound."),
        new("Strategies:Arbitrage:SlippageCap", "0.02", "exact price in [0, 1)", "How far an unwind may trade through the best price."),
        new("Strategies:Arbitrage:AggressiveSlippageCap", "0.05", "exact price in [SlippageCap, 1)", "Unwind slippage cap after the unwind deadline."),
        new("Strategies:Arbitrage:RetryInterval", "250ms", "duration > 0", "Pause before a denied or impossible repair is retried."),
        new("Strategies:Arbitrage:CompletionPatience", "3s", "duration >= 0 and < UnwindTimeout", "A basket that lost a leg waits this long for a price at which completing keeps CompletionEdgeShare of the expected edge; 0 completes at once."),
        new("Strategies:Arbitrage:CompletionEdgeShare", "0.8", "decimal number in [0, 1]", "Share of the expected edge a completion must keep to go at once; 0 completes at once."),
    ];

    internal static ArbitrageOptions Bind(ConfigReader r)
    {
        const string P = "Strategies:Arbitrage:";
        var o = new ArbitrageOptions
        {
            MinProfitPerSet = r.Money(P + "MinProfitPerSet"),
            MaxSets = r.Quantity(P + "MaxSets"),
            MaxBasketNotional = r.Money(P + "MaxBasketNotional"),
            Cooldown = r.Duration(P + "Cooldown"),
            IncludePlaceholderEvents = r.Boolean(P + "IncludePlaceholderEvents"),
            Depth = r.WholeNumber(P + "Depth"),
            LegTimeInForce = r.Enum<ArbLegTimeInForce>(P + "LegTimeInForce"),
            LegTimeout = r.Duration(P + "LegTimeout"),
            UnwindTimeout = r.Duration(P + "UnwindTimeout"),
            GiveUpTimeout = r.Duration(P + "GiveUpTimeout"),
            UnhedgedQuarantine = r.Duration(P + "UnhedgedQuarantine"),
            LossCap = r.Money(P + "LossCap"),
            SlippageCap = r.Price(P + "SlippageCap"),
            AggressiveSlippageCap = r.Price(P + "AggressiveSlippageCap"),
            RetryInterval = r.Duration(P + "RetryInterval"),
            CompletionPatience = r.Duration(P + "CompletionPatience"),
            CompletionEdgeShare = r.Number(P + "CompletionEdgeShare"),
        };
        r.Require(P + "MinProfitPerSet", o.MinProfitPerSet.Raw >= 0 && o.MinProfitPerSet < Core.Values.Money.FromUnits(1), "must be in [0, 1)");
        r.Require(P + "MaxSets", o.MaxSets.Raw > 0, "must be > 0");
        r.Require(P + "MaxBasketNotional", o.MaxBasketNotional.Raw > 0, "must be > 0");
        r.Require(P + "Cooldown", o.Cooldown >= TimeSpan.Zero, "must be >= 0");
        r.Require(P + "Depth", o.Depth is >= 1 and <= 50, "must be in 1..50");
        r.Require(P + "LegTimeout", o.LegTimeout > TimeSpan.Zero, "must be > 0");
        r.Relate(P + "UnwindTimeout", P + "LegTimeout", o.UnwindTimeout > o.LegTimeout, "must be longer than LegTimeout");
        r.Relate(P + "GiveUpTimeout", P + "UnwindTimeout", o.GiveUpTimeout > o.UnwindTimeout, "must be longer than UnwindTimeout");
        r.Require(P + "UnhedgedQuarantine", o.UnhedgedQuarantine >= TimeSpan.Zero, "must be >= 0");
        r.Require(P + "LossCap", o.LossCap.Raw >= 0, "must be >= 0");
        r.Require(P + "SlippageCap", o.SlippageCap.Raw >= 0 && o.SlippageCap < Core.Values.Price.One, "must be in [0, 1)");
        r.Relate(P + "AggressiveSlippageCap", P + "SlippageCap", o.AggressiveSlippageCap >= o.SlippageCap && o.AggressiveSlippageCap < Core.Values.Price.One,
            "must be in [SlippageCap, 1)");
        r.Require(P + "RetryInterval", o.RetryInterval > TimeSpan.Zero, "must be > 0");
        r.Relate(P + "CompletionPatience", P + "UnwindTimeout", o.CompletionPatience >= TimeSpan.Zero && o.CompletionPatience < o.UnwindTimeout,
            "must be >= 0 and shorter than UnwindTimeout");
        r.Require(P + "CompletionEdgeShare", o.CompletionEdgeShare is >= 0m and <= 1m, "must be in [0, 1]");
        return o;
    }
}
