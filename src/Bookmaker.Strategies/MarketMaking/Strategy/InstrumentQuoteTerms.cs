using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using ConfigOptions = Bookmaker.Engine.Configuration.MarketMakerOptions;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// Resolves the market maker's instrument-shaped terms for one instrument: the instrument's override
/// (<c>MarketMaker:Markets:&lt;symbol&gt;</c>) wins term by term over the section, and ticks, bps and notional become
/// the absolute spread and size the strategy quotes with. Spreads round up to the tick (a quote never tightens below the
/// minimum, the gap guard never trips below the stated width); sizes round down to the lot, but never below the
/// instrument's minimum size. Exact arithmetic: fixed point and <see cref="decimal"/>, never double.
/// </summary>
public static class InstrumentQuoteTerms
{
    /// <summary>
    /// The section with every term absolute for <paramref name="instrument"/>: relative forms resolved against
    /// <paramref name="reference"/> (the instrument's first mid) and its tick, lot and minimum size; no overrides left.
    /// </summary>
    public static ConfigOptions Resolve(ConfigOptions config, Instrument instrument, Price reference)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(instrument);
        var o = config.Markets.TryGetValue(instrument.Id.Symbol, out var terms) ? terms : MarketMakerQuoteTerms.Empty;
        var s = config.SectionTerms; // the absolute forms the operator set (the relative ones are null unless set)
        Price tick = instrument.TickSize;
        // The section's defaults are Polymarket-shaped (a $1 share): on a crypto book a term the operator set in no form,
        // in neither scope, takes its crypto default (relative to the instrument) instead.
        bool crypto = instrument.Kind != InstrumentKind.OutcomeToken;
        bool CryptoDefault(bool inOverride, bool inSection) => crypto && !inOverride && !inSection;

        if (CryptoDefault(o.MinSpread is not null || o.MinSpreadTicks is not null || o.MinSpreadBps is not null,
                s.MinSpread is not null || config.MinSpreadTicks is not null || config.MinSpreadBps is not null))
            o = o with { MinSpreadBps = CryptoQuoteDefaults.MinSpreadBps };
        if (CryptoDefault(o.MaxSpread is not null || o.MaxSpreadTicks is not null || o.MaxSpreadBps is not null,
                s.MaxSpread is not null || config.MaxSpreadTicks is not null || config.MaxSpreadBps is not null))
            o = o with { MaxSpreadBps = CryptoQuoteDefaults.MaxSpreadBps };
        if (CryptoDefault(o.QuoteSize is not null || o.OrderNotional is not null, s.QuoteSize is not null || config.OrderNotional is not null))
            o = o with { OrderNotional = CryptoQuoteDefaults.OrderNotional };
        if (CryptoDefault(o.MaxInventory is not null || o.MaxInventoryNotional is not null, s.MaxInventory is not null || config.MaxInventoryNotional is not null))
            o = o with { MaxInventoryNotional = CryptoQuoteDefaults.MaxInventoryNotional };
        if (CryptoDefault(o.MaxSlippage is not null, s.MaxSlippage is not null))
            o = o with { MaxSlippage = SpreadFromBps(CryptoQuoteDefaults.MaxSlippageBps, reference, tick) };

        Price minSpread = o.MinSpreadTicks is { } mt ? SpreadFromTicks(mt, tick)
            : o.MinSpreadBps is { } mb ? SpreadFromBps(mb, reference, tick)
            : o.MinSpread is { } ma ? Price.FromDecimal(ma)
            : config.MinSpreadTicks is { } gt ? SpreadFromTicks(gt, tick)
            : config.MinSpreadBps is { } gb ? SpreadFromBps(gb, reference, tick)
            : Price.FromDecimal(config.MinSpread);
        Price maxSpread = o.MaxSpreadTicks is { } xt ? SpreadFromTicks(xt, tick)
            : o.MaxSpreadBps is { } xb ? SpreadFromBps(xb, reference, tick)
            : o.MaxSpread ?? (config.MaxSpreadTicks is { } gxt ? SpreadFromTicks(gxt, tick)
                : config.MaxSpreadBps is { } gxb ? SpreadFromBps(gxb, reference, tick)
                : config.MaxSpread);
        Quantity size = o.OrderNotional is { } on ? SizeFromNotional(on, reference, instrument.SizeStep, instrument.MinSize)
            : o.QuoteSize ?? (config.OrderNotional is { } gn ? SizeFromNotional(gn, reference, instrument.SizeStep, instrument.MinSize) : config.QuoteSize);

        return config with
        {
            MinSpread = minSpread.ToDecimal(),
            MinSpreadTicks = null,
            MinSpreadBps = null,
            MaxSpread = maxSpread,
            MaxSpreadTicks = null,
            MaxSpreadBps = null,
            QuoteSize = size,
            OrderNotional = null,
            MaxInventory = o.MaxInventoryNotional is { } oin ? InventoryFromNotional(oin, reference, instrument.SizeStep)
                : o.MaxInventory ?? (config.MaxInventoryNotional is { } gin ? InventoryFromNotional(gin, reference, instrument.SizeStep) : config.MaxInventory),
            MaxInventoryNotional = null,
            MaxSlippage = o.MaxSlippage ?? config.MaxSlippage,
            Markets = new Dictionary<string, MarketMakerQuoteTerms>(StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>
    /// <paramref name="notional"/> / <paramref name="reference"/>, rounded down to a whole number of lots and at least one
    /// lot (a limit of zero would let no quote out at all).
    /// </summary>
    public static Quantity InventoryFromNotional(Money notional, Price reference, Quantity lot)
    {
        if (reference.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(reference), reference, "reference price must be > 0");
        if (lot.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(lot), lot, "lot must be > 0");
        decimal raw = (decimal)notional.Raw * FixedPoint.Scale / reference.Raw;
        long lots = (long)decimal.Floor(raw / lot.Raw);
        return new Quantity(checked(Math.Max(lots, 1) * lot.Raw));
    }

    /// <summary><paramref name="ticks"/> × <paramref name="tick"/>, exactly.</summary>
    public static Price SpreadFromTicks(int ticks, Price tick) => new(checked(ticks * tick.Raw));

    /// <summary><paramref name="bps"/> of <paramref name="reference"/>, rounded up to a whole number of ticks (at least one).</summary>
    public static Price SpreadFromBps(decimal bps, Price reference, Price tick)
    {
        if (tick.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(tick), tick, "tick must be > 0");
        decimal raw = bps * reference.Raw / 10_000m;
        long ticks = Math.Max(1, (long)decimal.Ceiling(raw / tick.Raw));
        return new Price(checked(ticks * tick.Raw));
    }

    /// <summary>
    /// <paramref name="notional"/> / <paramref name="reference"/>, rounded down to a whole number of lots, and at least
    /// <paramref name="minSize"/> (itself rounded up to the lot).
    /// </summary>
    public static Quantity SizeFromNotional(Money notional, Price reference, Quantity lot, Quantity minSize)
    {
        if (reference.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(reference), reference, "reference price must be > 0");
        if (lot.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(lot), lot, "lot must be > 0");
        decimal raw = (decimal)notional.Raw * FixedPoint.Scale / reference.Raw;
        long lots = (long)decimal.Floor(raw / lot.Raw);
        long minLots = (minSize.Raw + lot.Raw - 1) / lot.Raw;
        return new Quantity(checked(Math.Max(lots, Math.Max(minLots, 1)) * lot.Raw));
    }
}
