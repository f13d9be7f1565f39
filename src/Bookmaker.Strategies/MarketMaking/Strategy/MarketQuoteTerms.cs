using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// The parts of <see cref="MarketMakerOptions"/> that may differ per market (model spread, minimum spread, gap guard,
/// ladder sizes, inventory limit, forced-exit slippage), prepared once so the quoting cycle reads fields, never the
/// options records' defaults.
/// </summary>
internal sealed class MarketQuoteTerms
{
    public MarketQuoteTerms(MarketMakerOptions options)
    {
        var model = options.ModelOptions;
        Model = model with { TimeUnit = model.Unit, InventoryUnit = model.Lot };
        Ladder = new QuoteLadder(options.LadderOptions);
        Gap = new(options.GapOptions.Max);
        var hold = options.HoldTimeOptions;
        Hold = new(hold.Hold, hold.Grace, hold.Slippage);
        MinSpreadTicks = options.LadderOptions.MinSpreadTicks;
        MinSpread = options.MinSpread;
        MaxInventory = options.LadderOptions.MaxQ;
        QuoteSize = options.LadderOptions.Sizes[0];
    }

    public AvellanedaStoikovOptions Model { get; }

    public QuoteLadder Ladder { get; }

    public GapGuardOptions Gap { get; }

    public HoldTimeGuardOptions Hold { get; }

    public int MinSpreadTicks { get; }

    public Price MinSpread { get; }

    public Quantity MaxInventory { get; }

    /// <summary>The level-0 quote size (what the edge guard prices a fee on).</summary>
    public Quantity QuoteSize { get; }
}
