using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// One market as the profile flow sees it: its engine slot and rules in raw fixed-point units, the latent value (a
/// double in price units, moved by diffusion and by every taker's permanent impact) and the makers' lagged view of it.
/// </summary>
public sealed class FlowMarket
{
    private readonly PriorityQueue<double, long> _pendingNews = new();

    /// <summary>Sets up market <paramref name="market"/> of <paramref name="engine"/> starting at <paramref name="value"/>.</summary>
    public FlowMarket(MatchingEngine engine, int market, double value, double lagSeconds, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Book = engine.Markets[market];
        Market = market;
        Slot = Book.YesSlot;
        var instrument = engine.InstrumentAt(Slot);
        TickRaw = instrument.TickSize.Raw;
        LotRaw = Math.Max(1, instrument.SizeStep.Raw);
        MinSizeRaw = Math.Max(LotRaw, instrument.MinSize.Raw);
        MinPriceRaw = Book.IsBinary ? TickRaw : instrument.MinPrice.Raw;
        MaxPriceRaw = Book.IsBinary ? FixedPoint.Scale - TickRaw : instrument.MaxPrice.Raw;
        Value = value;
        Estimate = new ValueEstimateLag(lagSeconds, step);
    }

    /// <summary>The engine's book of the market.</summary>
    public InstrumentOrderBook Book { get; }

    /// <summary>Engine market index.</summary>
    public int Market { get; }

    /// <summary>The slot the agents trade (the YES token of a binary market).</summary>
    public int Slot { get; }

    /// <summary>Tick, raw.</summary>
    public long TickRaw { get; }

    /// <summary>Size step, raw.</summary>
    public long LotRaw { get; }

    /// <summary>Minimum order size, raw.</summary>
    public long MinSizeRaw { get; }

    /// <summary>Lowest price an agent may quote, raw.</summary>
    public long MinPriceRaw { get; }

    /// <summary>Highest price an agent may quote, raw.</summary>
    public long MaxPriceRaw { get; }

    /// <summary>The latent value, price units.</summary>
    public double Value { get; set; }

    /// <summary>
    /// The part of <see cref="Value"/> that came as news jumps (price units). Makers learn news after their reaction
    /// delay, not through their lagged estimate, so the estimate records the value without it.
    /// </summary>
    public double News { get; private set; }

    /// <summary>When the last news jump came (UTC ticks; <see cref="long.MinValue"/>: none yet).</summary>
    public long NewsAtTicks { get; private set; } = long.MinValue;

    /// <summary>Moves the value by a news jump of <paramref name="jump"/> (price units) at <paramref name="nowTicks"/>.</summary>
    private void Jump(double jump, long nowTicks)
    {
        Value += jump;
        News += jump;
        NewsAtTicks = nowTicks;
    }

    /// <summary>
    /// Schedules a news jump of <paramref name="jump"/> (price units) to become public at <paramref name="dueTicks"/>:
    /// what an informed taker traded on before anyone else knew it.
    /// </summary>
    public void ScheduleNews(double jump, long dueTicks) => _pendingNews.Enqueue(jump, dueTicks);

    /// <summary>Makes public every scheduled jump due by <paramref name="nowTicks"/>.</summary>
    public void ReleaseNews(long nowTicks)
    {
        while (_pendingNews.TryPeek(out double jump, out long due) && due <= nowTicks)
        {
            _pendingNews.Dequeue();
            Jump(jump, nowTicks);
        }
    }

    /// <summary>The makers' lagged view of <see cref="Value"/>.</summary>
    public ValueEstimateLag Estimate { get; }

    /// <summary>The touch the makers last reacted to (raw prices; 0 when a side was empty).</summary>
    public (long Bid, long Ask) SeenTouch { get; set; }

    /// <summary>Tick in price units.</summary>
    public double Tick => TickRaw / (double)FixedPoint.Scale;

    /// <summary>Best bid and ask (raw; 0 for an empty side).</summary>
    public (long Bid, long Ask) Touch()
    {
        long bid = Book.TryGetBestBid(out Price b, out _) ? b.Raw : 0;
        long ask = Book.TryGetBestAsk(out Price a, out _) ? a.Raw : 0;
        return (bid, ask);
    }

    /// <summary>A price in units rounded down to the tick and kept inside the quotable band.</summary>
    public long FloorPrice(double price) => Math.Clamp((long)Math.Floor(price / Tick + 1e-9) * TickRaw, MinPriceRaw, MaxPriceRaw);

    /// <summary>A price in units rounded up to the tick and kept inside the quotable band.</summary>
    public long CeilPrice(double price) => Math.Clamp((long)Math.Ceiling(price / Tick - 1e-9) * TickRaw, MinPriceRaw, MaxPriceRaw);

    /// <summary>Shares worth <paramref name="quote"/> at <paramref name="priceRaw"/>, down to the size step, at least the minimum.</summary>
    public long SharesFor(double quote, long priceRaw)
    {
        double price = priceRaw / (double)FixedPoint.Scale;
        double shares = price > 0 ? quote / price : 0;
        double raw = Math.Min(shares * FixedPoint.Scale, 1e15);
        long size = (long)(raw / LotRaw) * LotRaw;
        return Math.Max(MinSizeRaw, size);
    }
}
