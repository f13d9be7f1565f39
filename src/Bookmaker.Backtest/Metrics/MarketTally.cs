namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// What the backtest counts for one market while it runs (a binary market's YES and NO tokens together, in the YES
/// view; any other instrument alone). Money is exact (raw 1e-9 units); markouts, uptimes and time weights are model
/// statistics and use doubles.
/// </summary>
public sealed class MarketTally(string key, string label)
{
    /// <summary>The market's key (condition id, or venue:symbol).</summary>
    public string Key { get; } = key;

    /// <summary>A short label for tables.</summary>
    public string Label { get; } = label;

    /// <summary>Markout horizons, seconds.</summary>
    public static readonly int[] Horizons = [1, 10, 60];

    /// <summary>Fills of ours.</summary>
    public long Fills { get; set; }

    /// <summary>Maker fills.</summary>
    public long MakerFills { get; set; }

    /// <summary>Filled size (raw).</summary>
    public long FilledRaw { get; set; }

    /// <summary>Size of our orders the venue accepted (raw), the fill ratio's denominator.</summary>
    public long QuotedRaw { get; set; }

    /// <summary>Traded notional (raw money).</summary>
    public long VolumeRaw { get; set; }

    /// <summary>Σ of (mid − price)·size for buys and (price − mid)·size for sells at each fill (raw money).</summary>
    public long SpreadRaw { get; set; }

    /// <summary>Fees paid (raw money).</summary>
    public long FeesRaw { get; set; }

    /// <summary>Rebates earned (raw money).</summary>
    public long RebatesRaw { get; set; }

    /// <summary>Σ of the half-spread captured in bps of the mid, for the mean.</summary>
    public double SpreadBpsSum { get; set; }

    /// <summary>Per horizon: count, Σ bps, Σ bps², Σ ticks.</summary>
    public long[] MarkoutCount { get; } = new long[Horizons.Length];

    /// <summary>Σ of markouts in bps per horizon.</summary>
    public double[] MarkoutBpsSum { get; } = new double[Horizons.Length];

    /// <summary>Σ of squared markouts in bps per horizon.</summary>
    public double[] MarkoutBpsSquares { get; } = new double[Horizons.Length];

    /// <summary>Σ of markouts in ticks per horizon.</summary>
    public double[] MarkoutTicksSum { get; } = new double[Horizons.Length];

    /// <summary>When counting began (ticks).</summary>
    public long StartTicks { get; init; }

    /// <summary>Resting bids (YES view) now.</summary>
    public int RestingBids { get; set; }

    /// <summary>Resting asks (YES view) now.</summary>
    public int RestingAsks { get; set; }

    /// <summary>When the resting counts last changed (ticks).</summary>
    public long QuotesSinceTicks { get; set; }

    /// <summary>Time with at least one quote resting (ticks).</summary>
    public long QuotedTicks { get; set; }

    /// <summary>Time with quotes resting on both sides (ticks).</summary>
    public long TwoSidedTicks { get; set; }

    /// <summary>Inventory (YES − NO, or the position) now, raw.</summary>
    public long InventoryRaw { get; set; }

    /// <summary>Lowest inventory seen, raw.</summary>
    public long InventoryMinRaw { get; set; }

    /// <summary>Highest inventory seen, raw.</summary>
    public long InventoryMaxRaw { get; set; }

    /// <summary>When the inventory last changed (ticks).</summary>
    public long InventorySinceTicks { get; set; }

    /// <summary>∫|q| dt in (raw units × seconds), for the time-weighted mean.</summary>
    public double AbsInventoryTime { get; set; }

    /// <summary>The market's net P&amp;L at the end (its positions' realized + unrealized − fees + rebates), raw.</summary>
    public long NetRaw { get; set; }

    /// <summary>Moves the uptime clocks to <paramref name="now"/>.</summary>
    public void AccrueQuotes(long now)
    {
        long dt = now - QuotesSinceTicks;
        if (dt <= 0) return;
        if (RestingBids > 0 || RestingAsks > 0) QuotedTicks += dt;
        if (RestingBids > 0 && RestingAsks > 0) TwoSidedTicks += dt;
        QuotesSinceTicks = now;
    }

    /// <summary>Moves the inventory clock to <paramref name="now"/>.</summary>
    public void AccrueInventory(long now)
    {
        long dt = now - InventorySinceTicks;
        if (dt <= 0) return;
        AbsInventoryTime += Math.Abs((double)InventoryRaw) * dt / TimeSpan.TicksPerSecond;
        InventorySinceTicks = now;
    }
}
