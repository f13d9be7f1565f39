using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// The market maker's instrument-shaped terms — minimum spread, gap-guard spread, order size, inventory and slippage —
/// as they are set in one scope: the <c>MarketMaker</c> section, or one instrument's
/// <c>MarketMaker:Markets:&lt;symbol&gt;</c> override. A null member is not set in that scope. Spreads come in one of
/// three forms (absolute price, ticks, bps of the reference price), the size and the inventory limit in one of two
/// (shares, notional); at most one form of each is set per scope. The strategy resolves them per instrument into absolute options.
/// </summary>
public sealed record MarketMakerQuoteTerms
{
    /// <summary>Narrowest total spread, absolute (price units).</summary>
    public decimal? MinSpread { get; init; }

    /// <summary>Narrowest total spread, in ticks.</summary>
    public int? MinSpreadTicks { get; init; }

    /// <summary>Narrowest total spread, in bps of the reference price.</summary>
    public decimal? MinSpreadBps { get; init; }

    /// <summary>Gap guard: widest book spread still quoted, absolute.</summary>
    public Price? MaxSpread { get; init; }

    /// <summary>Gap guard, in ticks.</summary>
    public int? MaxSpreadTicks { get; init; }

    /// <summary>Gap guard, in bps of the reference price.</summary>
    public decimal? MaxSpreadBps { get; init; }

    /// <summary>Size per quote level, in shares (base units).</summary>
    public Quantity? QuoteSize { get; init; }

    /// <summary>Size per quote level as notional (quote currency): size = notional / price, down to the lot, at least the minimum size.</summary>
    public Money? OrderNotional { get; init; }

    /// <summary>Largest |inventory|, in shares (base units).</summary>
    public Quantity? MaxInventory { get; init; }

    /// <summary>Largest |inventory| as notional (quote currency): notional / reference price, rounded down to the lot.</summary>
    public Money? MaxInventoryNotional { get; init; }

    /// <summary>Forced exit: worst distance from the touch.</summary>
    public Price? MaxSlippage { get; init; }

    /// <summary>True when no member is set.</summary>
    public bool IsEmpty => this == Empty;

    /// <summary>True when a member needs the reference price (bps or notional).</summary>
    public bool NeedsPrice => MinSpreadBps is not null || MaxSpreadBps is not null || OrderNotional is not null || MaxInventoryNotional is not null;

    /// <summary>Nothing set.</summary>
    public static MarketMakerQuoteTerms Empty { get; } = new();

    /// <summary>The names (last key segment) that may be given per instrument, with their rule.</summary>
    internal static readonly (string Name, string Rule)[] Overridable =
    [
        ("MinSpread", "decimal > 0"),
        ("MinSpreadTicks", "whole number in 1..100000"),
        ("MinSpreadBps", "decimal in (0, 10000)"),
        ("MaxSpread", "exact price > 0"),
        ("MaxSpreadTicks", "whole number in 1..100000"),
        ("MaxSpreadBps", "decimal in (0, 10000)"),
        ("QuoteSize", "exact quantity > 0"),
        ("OrderNotional", "exact amount > 0"),
        ("MaxInventory", "exact quantity > 0"),
        ("MaxInventoryNotional", "exact amount > 0"),
        ("MaxSlippage", "exact price >= 0"),
    ];

    /// <summary>Converts and checks the terms under <paramref name="prefix"/> (e.g. <c>MarketMaker:Markets:BTCUSDT:</c>).</summary>
    /// <param name="r">The reader collecting errors.</param>
    /// <param name="prefix">Key prefix, ending in ':'.</param>
    /// <param name="isSet">Whether a key is set in this scope (a default does not count).</param>
    internal static MarketMakerQuoteTerms Bind(ConfigReader r, string prefix, Func<string, bool> isSet)
    {
        string K(string name) => prefix + name;
        decimal? Dec(string name) => isSet(K(name)) ? r.Number(K(name)) : null;
        int? Whole(string name) => isSet(K(name)) ? r.WholeNumber(K(name)) : null;
        Price? P(string name) => isSet(K(name)) ? r.Price(K(name)) : null;
        Quantity? Q(string name) => isSet(K(name)) ? r.Quantity(K(name)) : null;
        Money? M(string name) => isSet(K(name)) ? r.Money(K(name)) : null;
        var t = new MarketMakerQuoteTerms
        {
            MinSpread = Dec("MinSpread"),
            MinSpreadTicks = Whole("MinSpreadTicks"),
            MinSpreadBps = Dec("MinSpreadBps"),
            MaxSpread = P("MaxSpread"),
            MaxSpreadTicks = Whole("MaxSpreadTicks"),
            MaxSpreadBps = Dec("MaxSpreadBps"),
            QuoteSize = Q("QuoteSize"),
            OrderNotional = M("OrderNotional"),
            MaxInventory = Q("MaxInventory"),
            MaxInventoryNotional = M("MaxInventoryNotional"),
            MaxSlippage = P("MaxSlippage"),
        };
        if (t.MinSpread is { } minSpread) r.Require(K("MinSpread"), minSpread > 0m, "must be > 0");
        if (t.MinSpreadTicks is { } minTicks) r.Require(K("MinSpreadTicks"), minTicks is >= 1 and <= 100_000, "must be in 1..100000");
        if (t.MinSpreadBps is { } minBps) r.Require(K("MinSpreadBps"), minBps is > 0m and < 10_000m, "must be in (0, 10000)");
        if (t.MaxSpread is { } maxSpread) r.Require(K("MaxSpread"), maxSpread.Raw > 0, "must be > 0");
        if (t.MaxSpreadTicks is { } maxTicks) r.Require(K("MaxSpreadTicks"), maxTicks is >= 1 and <= 100_000, "must be in 1..100000");
        if (t.MaxSpreadBps is { } maxBps) r.Require(K("MaxSpreadBps"), maxBps is > 0m and < 10_000m, "must be in (0, 10000)");
        if (t.QuoteSize is { } size) r.Require(K("QuoteSize"), size.Raw > 0, "must be > 0");
        if (t.OrderNotional is { } notional) r.Require(K("OrderNotional"), notional.Raw > 0, "must be > 0");
        if (t.MaxInventory is { } inventory) r.Require(K("MaxInventory"), inventory.Raw > 0, "must be > 0");
        if (t.MaxInventoryNotional is { } inventoryNotional) r.Require(K("MaxInventoryNotional"), inventoryNotional.Raw > 0, "must be > 0");
        if (t.MaxSlippage is { } slippage) r.Require(K("MaxSlippage"), slippage.Raw >= 0, "must be >= 0");
        OneForm(r, prefix, isSet, "MinSpread", "MinSpreadTicks", "MinSpreadBps");
        OneForm(r, prefix, isSet, "MaxSpread", "MaxSpreadTicks", "MaxSpreadBps");
        OneForm(r, prefix, isSet, "QuoteSize", "OrderNotional");
        OneForm(r, prefix, isSet, "MaxInventory", "MaxInventoryNotional");
        return t;
    }

    /// <summary>Two forms of one term set in one scope: an error on the second naming both keys.</summary>
    private static void OneForm(ConfigReader r, string prefix, Func<string, bool> isSet, params string[] forms)
    {
        var set = forms.Where(f => isSet(prefix + f)).ToArray();
        if (set.Length < 2) return;
        r.Relate(prefix + set[1], prefix + set[0], false,
            $"is set together with {prefix + set[0]}; set exactly one of {string.Join(", ", forms.Select(f => prefix + f))}");
    }
}
