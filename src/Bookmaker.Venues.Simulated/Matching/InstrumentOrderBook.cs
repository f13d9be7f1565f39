using System.Numerics;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// The L3 book of one market in the matching engine. A Polymarket binary market keeps ONE book for both tokens, in
/// YES-price space: a YES bid at p and a NO ask at 1 − p are both bids at p; a YES ask at p and a NO bid at 1 − p are
/// both asks at p. Matching across it yields the CTF exchange's three match types (normal, MINT, MERGE) with one
/// price-time priority. A plain instrument (Bybit) has only the YES side of this.
/// </summary>
/// <remarks>
/// Prices live on a tick-indexed ladder (Polymarket: 0.0001 steps over 0..1, which every venue tick divides, so a run-time
/// tick change keeps resting orders where they are). Non-empty levels are tracked in a bitmap so the next best level
/// is found with a handful of word scans.
/// </remarks>
public sealed class InstrumentOrderBook
{
    private readonly PriceLevel[] _bids;
    private readonly PriceLevel[] _asks;
    private readonly ulong[] _bidBits;
    private readonly ulong[] _askBits;
    private int _bestBid = -1;
    private int _bestAsk;

    internal InstrumentOrderBook(int index, Instrument yes, int yesSlot, Instrument? no, int noSlot, IFeeModel fees,
        VenueRules rules, bool sellRequiresInventory, long ladderBase, long granularity, int levels)
    {
        Index = index;
        Yes = yes;
        YesSlot = yesSlot;
        No = no;
        NoSlot = noSlot;
        Fees = fees;
        Rules = rules;
        SellRequiresInventory = sellRequiresInventory;
        LadderBase = ladderBase;
        Granularity = granularity;
        LevelCount = levels;
        _bids = new PriceLevel[levels];
        _asks = new PriceLevel[levels];
        _bidBits = new ulong[(levels + 63) >> 6];
        _askBits = new ulong[(levels + 63) >> 6];
        _bestAsk = levels;
        for (int i = 0; i < levels; i++)
        {
            _bids[i].Head = _bids[i].Tail = -1;
            _asks[i].Head = _asks[i].Tail = -1;
        }
    }

    /// <summary>Market index in the engine.</summary>
    public int Index { get; }

    /// <summary>The YES token (or the plain instrument).</summary>
    public Instrument Yes { get; }

    /// <summary>Engine slot of <see cref="Yes"/>.</summary>
    public int YesSlot { get; }

    /// <summary>The NO token of a binary market; null for a plain instrument.</summary>
    public Instrument? No { get; }

    /// <summary>Engine slot of <see cref="No"/> (−1 when none).</summary>
    public int NoSlot { get; }

    /// <summary>True for a linked YES/NO market.</summary>
    public bool IsBinary => No is not null;

    /// <summary>The market's fee schedule.</summary>
    public IFeeModel Fees { get; }

    /// <summary>The venue vocabulary used for this market's rejects.</summary>
    public VenueRules Rules { get; }

    /// <summary>False for instruments that may be sold short (perpetuals): sells then lock no tokens.</summary>
    public bool SellRequiresInventory { get; }

    /// <summary>Full sets (1 YES + 1 NO) outstanding, each backed by $1 of collateral.</summary>
    public Quantity SetsOutstanding { get; internal set; }

    /// <summary>Resting orders in this book.</summary>
    public int OrderCount { get; internal set; }

    internal long LadderBase { get; }

    internal long Granularity { get; }

    internal int LevelCount { get; }

    internal int BestBidIndex => _bestBid;

    internal int BestAskIndex => _bestAsk;

    /// <summary>Best bid in YES space.</summary>
    public bool TryGetBestBid(out Price price, out Quantity size)
    {
        if (_bestBid < 0)
        {
            price = default;
            size = default;
            return false;
        }

        price = new Price(PriceAt(_bestBid));
        size = new Quantity(_bids[_bestBid].Size);
        return true;
    }

    /// <summary>Best ask in YES space.</summary>
    public bool TryGetBestAsk(out Price price, out Quantity size)
    {
        if (_bestAsk >= LevelCount)
        {
            price = default;
            size = default;
            return false;
        }

        price = new Price(PriceAt(_bestAsk));
        size = new Quantity(_asks[_bestAsk].Size);
        return true;
    }

    /// <summary>
    /// Best bid as seen from one token: for the NO token this is 1 − the best YES-space ask (a NO bid at q rests as a
    /// YES ask at 1 − q), which is how the complement book appears on the venue.
    /// </summary>
    public bool TryGetBestBid(int slot, out Price price, out Quantity size)
    {
        if (slot == NoSlot && IsBinary)
        {
            bool ok = TryGetBestAsk(out Price p, out size);
            price = ok ? p.Complement() : default;
            return ok;
        }

        return TryGetBestBid(out price, out size);
    }

    /// <summary>Best ask as seen from one token (NO: 1 − best YES-space bid).</summary>
    public bool TryGetBestAsk(int slot, out Price price, out Quantity size)
    {
        if (slot == NoSlot && IsBinary)
        {
            bool ok = TryGetBestBid(out Price p, out size);
            price = ok ? p.Complement() : default;
            return ok;
        }

        return TryGetBestAsk(out price, out size);
    }

    /// <summary>Total resting size at a YES-space price on one YES-space side.</summary>
    public Quantity SizeAt(Side canonicalSide, Price price)
    {
        if (!TryIndex(price.Raw, out int i)) return Quantity.Zero;
        return new Quantity(canonicalSide == Side.Buy ? _bids[i].Size : _asks[i].Size);
    }

    /// <summary>True when the best bid is at or above the best ask (must never hold after matching).</summary>
    public bool IsCrossed => _bestBid >= 0 && _bestAsk < LevelCount && _bestBid >= _bestAsk;

    internal long PriceAt(int index) => LadderBase + index * Granularity;

    internal bool TryIndex(long canonRaw, out int index)
    {
        long off = canonRaw - LadderBase;
        if (off < 0 || off % Granularity != 0 || off / Granularity >= LevelCount)
        {
            index = -1;
            return false;
        }

        index = (int)(off / Granularity);
        return true;
    }

    internal ref PriceLevel LevelRef(Side canonSide, int index) =>
        ref (canonSide == Side.Buy ? ref _bids[index] : ref _asks[index]);

    internal void Append(OrderNode[] nodes, int node)
    {
        ref OrderNode n = ref nodes[node];
        bool bid = n.CanonSide == Side.Buy;
        ref PriceLevel level = ref (bid ? ref _bids[n.Level] : ref _asks[n.Level]);
        n.Prev = level.Tail;
        n.Next = -1;
        if (level.Tail >= 0) nodes[level.Tail].Next = node;
        else level.Head = node;
        level.Tail = node;
        level.Size += n.Remaining;
        if (level.Count++ == 0)
        {
            int i = n.Level;
            if (bid)
            {
                _bidBits[i >> 6] |= 1UL << (i & 63);
                if (i > _bestBid) _bestBid = i;
            }
            else
            {
                _askBits[i >> 6] |= 1UL << (i & 63);
                if (i < _bestAsk) _bestAsk = i;
            }
        }

        OrderCount++;
    }

    internal void Remove(OrderNode[] nodes, int node)
    {
        ref OrderNode n = ref nodes[node];
        bool bid = n.CanonSide == Side.Buy;
        ref PriceLevel level = ref (bid ? ref _bids[n.Level] : ref _asks[n.Level]);
        if (n.Prev >= 0) nodes[n.Prev].Next = n.Next;
        else level.Head = n.Next;
        if (n.Next >= 0) nodes[n.Next].Prev = n.Prev;
        else level.Tail = n.Prev;
        level.Size -= n.Remaining;
        OrderCount--;
        if (--level.Count == 0)
        {
            int i = n.Level;
            if (bid)
            {
                _bidBits[i >> 6] &= ~(1UL << (i & 63));
                if (i == _bestBid) _bestBid = HighestAtOrBelow(_bidBits, i);
            }
            else
            {
                _askBits[i >> 6] &= ~(1UL << (i & 63));
                if (i == _bestAsk) _bestAsk = LowestAtOrAbove(_askBits, i, LevelCount);
            }
        }
    }

    /// <summary>Next non-empty level strictly worse than <paramref name="index"/> on a side (−1 / LevelCount when none).</summary>
    internal int NextWorse(Side canonSide, int index) =>
        canonSide == Side.Buy
            ? (index <= 0 ? -1 : HighestAtOrBelow(_bidBits, index - 1))
            : (index + 1 >= LevelCount ? LevelCount : LowestAtOrAbove(_askBits, index + 1, LevelCount));

    private static int HighestAtOrBelow(ulong[] bits, int i)
    {
        if (i < 0) return -1;
        int w = i >> 6;
        ulong m = bits[w] & (ulong.MaxValue >> (63 - (i & 63)));
        while (true)
        {
            if (m != 0) return (w << 6) + 63 - BitOperations.LeadingZeroCount(m);
            if (--w < 0) return -1;
            m = bits[w];
        }
    }

    private static int LowestAtOrAbove(ulong[] bits, int i, int none)
    {
        int w = i >> 6;
        if (w >= bits.Length) return none;
        ulong m = bits[w] & (ulong.MaxValue << (i & 63));
        while (true)
        {
            if (m != 0) return (w << 6) + BitOperations.TrailingZeroCount(m);
            if (++w >= bits.Length) return none;
            m = bits[w];
        }
    }
}
