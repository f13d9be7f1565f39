using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;

namespace Bookmaker.Operations.Snapshots;

/// <summary>
/// The dashboard's part of a snapshot, copied on the loop: each market's top levels and mid with our inventory, and
/// our last fills. Fills are kept by reference in a fixed ring (the engine already allocated them), so hearing a fill
/// costs the loop no allocation; the copy into rows happens only when a snapshot is taken.
/// </summary>
internal sealed class MarketViews
{
    /// <summary>Levels per side in a snapshot.</summary>
    public const int Depth = 5;

    /// <summary>Fills kept for the page.</summary>
    public const int FillsKept = 50;

    private readonly TradingEngine _engine;
    private readonly Fill?[] _fills = new Fill?[FillsKept];
    private readonly BookLevel[] _levels = new BookLevel[Depth];
    private long _fillCount;

    public MarketViews(TradingEngine engine)
    {
        _engine = engine;
        engine.Orders.FillApplied += (_, fill) => _fills[_fillCount++ % FillsKept] = fill;
    }

    public MarketRow[] Markets()
    {
        var e = _engine;
        var pf = e.Portfolio;
        decimal maxPosition = e.Gate.Limits.MaxPositionPerInstrument.ToDecimal();
        var rows = new List<MarketRow>();
        foreach (var instrument in e.Instruments.All)
        {
            var book = e.Book(instrument.Index);
            decimal? mid = book.HasBids && book.HasAsks ? (book.BestBid.Price.ToDecimal() + book.BestAsk.Price.ToDecimal()) / 2m : null;
            var position = pf.Positions.FirstOrDefault(p => p.Instrument.Index == instrument.Index);
            rows.Add(new MarketRow(instrument.Id.Symbol, instrument.Id.Venue, mid, Levels(book, Side.Buy), Levels(book, Side.Sell),
                position?.Quantity.ToDecimal() ?? 0m, maxPosition));
        }

        return [.. rows];
    }

    public FillRow[] Fills()
    {
        int n = (int)Math.Min(_fillCount, FillsKept);
        var rows = new FillRow[n];
        for (int i = 0; i < n; i++)
        {
            // Oldest first: the ring's next slot holds the oldest once it has wrapped.
            var f = _fills[(_fillCount - n + i) % FillsKept]!;
            rows[i] = new FillRow(f.Instrument.Symbol, f.Side.ToString(), f.Price.ToDecimal(), f.Size.ToDecimal(), f.Liquidity.ToString(), f.Timestamp);
        }

        return rows;
    }

    private LevelRow[] Levels(OrderBook book, Side side)
    {
        int n = book.CopyDepth(side, _levels);
        var rows = new LevelRow[n];
        for (int i = 0; i < n; i++) rows[i] = new LevelRow(_levels[i].Price.ToDecimal(), _levels[i].Size.ToDecimal());
        return rows;
    }
}
