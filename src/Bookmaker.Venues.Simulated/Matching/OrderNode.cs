using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// A resting order (L3) in the engine's node pool. Nodes are structs in one array, linked by index into a per-level
/// FIFO and a per-account list, and recycled through a free list: resting an order allocates nothing.
/// </summary>
internal struct OrderNode
{
    public long OrderId;
    public long Sequence;          // arrival sequence (time priority)
    public ClientOrderId ClientOrderId;
    public int Account;
    public int Instrument;         // engine slot of the order's own token
    public int Market;             // InstrumentOrderBook index
    public int Level;              // ladder index in canonical (YES) space
    public int Prev, Next;         // FIFO within the level
    public int AccPrev, AccNext;   // account's open-order list
    public long CanonPrice;        // raw, YES space
    public long OwnPrice;          // raw, the order's own token
    public long Remaining;         // raw shares
    public long LockedCash;        // raw cash reserved (buys)
    public long ExpireTicks;       // GTD, 0 = none
    public Side Side;              // own side
    public Side CanonSide;         // side in YES space (a NO buy is a YES-space ask)
    public bool IsNo;              // the order is on the complement (NO) token
    public bool InUse;
}

/// <summary>One price level: FIFO of node indexes and its total size.</summary>
internal struct PriceLevel
{
    public int Head;
    public int Tail;
    public long Size;
    public int Count;
}
