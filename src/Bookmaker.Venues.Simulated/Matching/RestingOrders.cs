using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// The resting (L3) orders of every book: a pool of <see cref="OrderNode"/> structs recycled through a free list, the
/// map from engine order id to node, and each account's list of open orders. Resting an order allocates nothing in
/// steady state; taking one off the book releases what it locked and reports it.
/// </summary>
internal sealed class RestingOrders
{
    private readonly MarketListing _listing;
    private readonly SimAccountLedger _ledger;
    private readonly Dictionary<long, int> _liveById;
    private OrderNode[] _nodes;
    private int _freeHead = -1;
    private int _highWater;
    private long _nextSequence;

    /// <summary>Creates an empty pool with room for <paramref name="initialCapacity"/> orders.</summary>
    public RestingOrders(MarketListing listing, SimAccountLedger ledger, int initialCapacity)
    {
        _listing = listing;
        _ledger = ledger;
        _nodes = new OrderNode[Math.Max(16, initialCapacity)];
        _liveById = new Dictionary<long, int>(Math.Max(16, initialCapacity));
    }

    /// <summary>
    /// The node array. Only <see cref="Rest"/> may replace it (when the pool grows), so a caller may hold it across
    /// a walk that matches and removes orders but must read it again after resting one.
    /// </summary>
    public OrderNode[] Nodes => _nodes;

    /// <summary>Resting orders across all markets.</summary>
    public int Count => _liveById.Count;

    /// <summary>The node of a resting order (false when it is not resting).</summary>
    public bool TryFind(long orderId, out int node) => _liveById.TryGetValue(orderId, out node);

    /// <summary>
    /// Rests the unfilled part of an incoming order at the back of its price level, locks what it needs and links it
    /// to its account. Returns the node.
    /// </summary>
    public int Rest(InstrumentOrderBook mk, in IncomingOrder t, long ownPrice, long expireTicks)
    {
        int node = Allocate();
        ref OrderNode n = ref _nodes[node];
        mk.TryIndex(t.CanonLimit, out int level);
        n.OrderId = t.OrderId;
        n.Sequence = ++_nextSequence;
        n.ClientOrderId = t.ClientOrderId;
        n.Account = t.Account;
        n.Instrument = t.Instrument;
        n.Market = mk.Index;
        n.Level = level;
        n.CanonPrice = t.CanonLimit;
        n.OwnPrice = ownPrice;
        n.Remaining = t.Remaining;
        n.ExpireTicks = expireTicks;
        n.Side = t.Side;
        n.CanonSide = t.CanonSide;
        n.IsNo = t.IsNo;
        n.InUse = true;
        _ledger.Reserve(mk, ref n);

        mk.Append(_nodes, node);
        SimAccount a = _ledger[t.Account];
        n.AccPrev = -1;
        n.AccNext = a.OrderHead;
        if (a.OrderHead >= 0) _nodes[a.OrderHead].AccPrev = node;
        a.OrderHead = node;
        a.OpenOrders++;
        _liveById.Add(t.OrderId, node);
        return node;
    }

    /// <summary>Takes a live order off the book, releases what it locked and reports it as <paramref name="kind"/>.</summary>
    public void Remove(int node, MatchEventKind kind, RejectReason reason, long now, MatchEventBuffer output)
    {
        ref OrderNode n = ref _nodes[node];
        _ledger.Release(_listing.Market(n.Market), ref n);
        output.Add(new MatchEvent(kind, n.OrderId, n.ClientOrderId, n.Account, n.Instrument, n.Side, new Price(n.OwnPrice),
            new Quantity(n.Remaining), Quantity.Zero, default, default, Liquidity.Maker, MatchKind.None, 0, 0, reason,
            0, null, now));
        Unlink(node);
    }

    /// <summary>Detaches a node from its level, its account and the id map, and returns it to the pool.</summary>
    public void Unlink(int node)
    {
        ref OrderNode n = ref _nodes[node];
        _listing.Market(n.Market).Remove(_nodes, node);
        SimAccount a = _ledger[n.Account];
        if (n.AccPrev >= 0) _nodes[n.AccPrev].AccNext = n.AccNext;
        else a.OrderHead = n.AccNext;
        if (n.AccNext >= 0) _nodes[n.AccNext].AccPrev = n.AccPrev;
        a.OpenOrders--;
        _liveById.Remove(n.OrderId);
        n.InUse = false;
        n.Next = _freeHead;
        _freeHead = node;
    }

    /// <summary>Cancels an account's open orders, in one market or (market −1) all; returns how many.</summary>
    public int CancelWhere(int account, int market, long now, MatchEventBuffer output)
    {
        int count = 0;
        int node = _ledger[account].OrderHead;
        while (node >= 0)
        {
            int next = _nodes[node].AccNext;
            if (market < 0 || _nodes[node].Market == market)
            {
                Remove(node, MatchEventKind.Cancelled, RejectReason.None, now, output);
                count++;
            }

            node = next;
        }

        return count;
    }

    private int Allocate()
    {
        if (_freeHead >= 0)
        {
            int node = _freeHead;
            _freeHead = _nodes[node].Next;
            return node;
        }

        if (_highWater == _nodes.Length) Array.Resize(ref _nodes, _nodes.Length * 2);
        return _highWater++;
    }
}
