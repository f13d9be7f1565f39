namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// One market sampled once a second of engine time, in its YES view (raw fixed-point values; 0 = none): the book's best
/// bid and ask and twice its mid, our best resting bid and ask, and the inventory. The report's price and inventory
/// charts are drawn from it; <see cref="Output.ResultDocument"/> downsamples it as it does the equity curve.
/// </summary>
public sealed class MarketSeries
{
    private readonly List<long> _times = [];
    private readonly List<long> _bestBid = [];
    private readonly List<long> _bestAsk = [];
    private readonly List<long> _midTwice = [];
    private readonly List<long> _quoteBid = [];
    private readonly List<long> _quoteAsk = [];
    private readonly List<long> _inventory = [];

    /// <summary>Sample times (UTC ticks).</summary>
    public IReadOnlyList<long> Times => _times;

    /// <summary>The book's best bid (raw price, 0 = none).</summary>
    public IReadOnlyList<long> BestBid => _bestBid;

    /// <summary>The book's best ask (raw price, 0 = none).</summary>
    public IReadOnlyList<long> BestAsk => _bestAsk;

    /// <summary>Twice the book's mid (raw, kept doubled so a half-tick mid is exact; 0 = none).</summary>
    public IReadOnlyList<long> MidTwice => _midTwice;

    /// <summary>Our highest resting bid (raw price, 0 = none).</summary>
    public IReadOnlyList<long> QuoteBid => _quoteBid;

    /// <summary>Our lowest resting ask (raw price, 0 = none).</summary>
    public IReadOnlyList<long> QuoteAsk => _quoteAsk;

    /// <summary>The inventory (YES − NO, or the position), raw.</summary>
    public IReadOnlyList<long> Inventory => _inventory;

    /// <summary>Adds a sample; a second sample at the same time replaces the first (the last word of that instant wins).</summary>
    public void Add(long timeTicks, long bestBid, long bestAsk, long midTwice, long quoteBid, long quoteAsk, long inventory)
    {
        if (_times.Count > 0 && _times[^1] == timeTicks)
        {
            int last = _times.Count - 1;
            _times.RemoveAt(last);
            _bestBid.RemoveAt(last);
            _bestAsk.RemoveAt(last);
            _midTwice.RemoveAt(last);
            _quoteBid.RemoveAt(last);
            _quoteAsk.RemoveAt(last);
            _inventory.RemoveAt(last);
        }

        _times.Add(timeTicks);
        _bestBid.Add(bestBid);
        _bestAsk.Add(bestAsk);
        _midTwice.Add(midTwice);
        _quoteBid.Add(quoteBid);
        _quoteAsk.Add(quoteAsk);
        _inventory.Add(inventory);
    }
}

/// <summary>A change of the engine's trading state (ACTIVE, REDUCING, HALTED) at an engine time (UTC ticks).</summary>
public readonly record struct TradingStateChange(long TimeTicks, Engine.Risk.TradingState State);
