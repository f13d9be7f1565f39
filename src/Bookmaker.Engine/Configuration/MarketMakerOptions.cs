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

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("MarketMaker:Gamma", "0.1", "decimal > 0", "Risk aversion of the reservation-price model."),
        new("MarketMaker:Kappa", "1.5", "decimal > 0", "Order-arrival decay."),
        new("MarketMaker:MinSpread", "0.02", "decimal in (0, 1)", "Narrowest total spread quoted (price units)."),
        new("MarketMaker:Levels", "1", "whole number in 1..10", "Quote levels per side."),
        new("MarketMaker:LevelSpacingTicks", "1", "whole number > 0", "Distance between levels in ticks."),
        new("MarketMaker:QuoteSize", "10", "exact quantity > 0", "Size per quote level."),
        new("MarketMaker:SkewMode", "linear", "one of none, linear, avellaneda", "Inventory skew model."),
        new("MarketMaker:RequoteThresholdTicks", "1", "whole number >= 0", "Requote only when the target moves this far."),
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
        };
        r.Require("MarketMaker:Gamma", o.Gamma > 0m, "must be > 0");
        r.Require("MarketMaker:Kappa", o.Kappa > 0m, "must be > 0");
        r.Require("MarketMaker:MinSpread", o.MinSpread is > 0m and < 1m, "must be in (0, 1)");
        r.Require("MarketMaker:Levels", o.Levels is >= 1 and <= 10, "must be in 1..10");
        r.Require("MarketMaker:LevelSpacingTicks", o.LevelSpacingTicks > 0, "must be > 0");
        r.Require("MarketMaker:QuoteSize", o.QuoteSize > Core.Values.Quantity.Zero, "must be > 0");
        r.Require("MarketMaker:RequoteThresholdTicks", o.RequoteThresholdTicks >= 0, "must be >= 0");
        return o;
    }
}
