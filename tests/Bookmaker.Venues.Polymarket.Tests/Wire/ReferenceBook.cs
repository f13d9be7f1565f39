using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

/// <summary>A deliberately naive L2 book (two sorted dictionaries) to check replays against venue snapshots.</summary>
internal sealed class ReferenceBook
{
    public SortedDictionary<long, long> Bids { get; } = [];

    public SortedDictionary<long, long> Asks { get; } = [];

    public void Apply(BookSnapshot snapshot)
    {
        Bids.Clear();
        Asks.Clear();
        foreach (BookLevel l in snapshot.Bids) Bids[l.Price.Raw] = l.Size.Raw;
        foreach (BookLevel l in snapshot.Asks) Asks[l.Price.Raw] = l.Size.Raw;
    }

    public void Apply(in MarketDataEvent e)
    {
        SortedDictionary<long, long> side = e.Side == Side.Buy ? Bids : Asks;
        if (e.Size.IsZero) side.Remove(e.Price.Raw);
        else side[e.Price.Raw] = e.Size.Raw;
    }

    public bool SameAs(BookSnapshot snapshot) =>
        Bids.OrderByDescending(k => k.Key).Select(k => (k.Key, k.Value))
            .SequenceEqual(snapshot.Bids.Select(l => (l.Price.Raw, l.Size.Raw)))
        && Asks.Select(k => (k.Key, k.Value)).SequenceEqual(snapshot.Asks.Select(l => (l.Price.Raw, l.Size.Raw)));
}
