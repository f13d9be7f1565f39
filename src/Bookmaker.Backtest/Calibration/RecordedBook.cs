using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Backtest.Calibration;

/// <summary>One instrument's price levels rebuilt from a recording's snapshots and level updates (raw prices and sizes).</summary>
public sealed class RecordedBook
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();

    /// <summary>Applies a book event (snapshot, level update, invalidation); other kinds are ignored.</summary>
    public void Apply(in MarketDataEvent e)
    {
        switch (e.Kind)
        {
            case MarketDataKind.Snapshot when e.Snapshot is { } s:
                _bids.Clear();
                _asks.Clear();
                foreach (var l in s.Bids) if (l.Size.Raw > 0) _bids[l.Price.Raw] = l.Size.Raw;
                foreach (var l in s.Asks) if (l.Size.Raw > 0) _asks[l.Price.Raw] = l.Size.Raw;
                break;
            case MarketDataKind.LevelUpdate:
                var side = e.Side == Side.Buy ? _bids : _asks;
                if (e.Size.Raw > 0) side[e.Price.Raw] = e.Size.Raw;
                else side.Remove(e.Price.Raw);
                break;
            case MarketDataKind.BookInvalidated:
                _bids.Clear();
                _asks.Clear();
                break;
        }
    }

    /// <summary>Best bid and ask with their sizes in price and share units (zeros for an empty side).</summary>
    public (double Bid, double BidSize, double Ask, double AskSize) Top()
    {
        double bid = 0, bidSize = 0, ask = 0, askSize = 0;
        foreach (var (p, s) in _bids)
        {
            bid = p / (double)FixedPoint.Scale;
            bidSize = s / (double)FixedPoint.Scale;
            break;
        }

        foreach (var (p, s) in _asks)
        {
            ask = p / (double)FixedPoint.Scale;
            askSize = s / (double)FixedPoint.Scale;
            break;
        }

        return (bid, bidSize, ask, askSize);
    }
}
