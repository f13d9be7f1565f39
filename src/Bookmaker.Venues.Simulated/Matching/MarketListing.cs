using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// What a matching engine lists: its markets (one <see cref="InstrumentOrderBook"/> each) and the dense instrument
/// slots orders name — which book holds a slot's orders and whether the slot is the NO token of a binary market.
/// </summary>
/// <remarks>Slot lookups are array reads (the hot path); only <see cref="SlotOf"/> goes through a dictionary.</remarks>
internal sealed class MarketListing
{
    private const long Scale = FixedPoint.Scale;
    private const int MaxLadderLevels = 4_000_000;

    private readonly List<InstrumentOrderBook> _markets = [];
    private readonly Dictionary<InstrumentId, int> _slotById = [];
    private Instrument[] _slotInstrument = new Instrument[8];
    private int[] _slotMarket = new int[8];
    private bool[] _slotIsNo = new bool[8];
    private int _slotCount;

    /// <summary>Markets (books) in registration order.</summary>
    public IReadOnlyList<InstrumentOrderBook> Markets => _markets;

    /// <summary>Instrument slots registered.</summary>
    public int SlotCount => _slotCount;

    /// <summary>The book of market <paramref name="index"/>.</summary>
    public InstrumentOrderBook Market(int index) => _markets[index];

    /// <summary>The book that holds a slot's orders.</summary>
    public InstrumentOrderBook MarketOf(int slot) => _markets[_slotMarket[slot]];

    /// <summary>The instrument in a slot.</summary>
    public Instrument InstrumentAt(int slot) => _slotInstrument[slot];

    /// <summary>True when the slot is the NO token of a binary market (its prices are mirrored in the book).</summary>
    public bool IsNo(int slot) => _slotIsNo[slot];

    /// <summary>The slot of an instrument (−1 when unknown).</summary>
    public int SlotOf(InstrumentId id) => _slotById.TryGetValue(id, out int slot) ? slot : -1;

    /// <summary>Lists a binary market whose YES and NO tokens share one book in YES-price space.</summary>
    public int AddBinaryMarket(Instrument yes, Instrument no, IFeeModel fees, VenueRules? rules)
    {
        ArgumentNullException.ThrowIfNull(yes);
        ArgumentNullException.ThrowIfNull(no);
        ArgumentNullException.ThrowIfNull(fees);
        long step = MatchingEngine.BinaryLadderStep.Raw;
        CheckTick(yes.TickSize, step);
        CheckTick(no.TickSize, step);
        int index = _markets.Count;
        int yesSlot = AddSlot(yes, index, false);
        int noSlot = AddSlot(no, index, true);
        int levels = (int)(Scale / step) + 1;
        _markets.Add(new InstrumentOrderBook(index, yes, yesSlot, no, noSlot, fees, rules ?? VenueRules.Polymarket,
            sellRequiresInventory: true, ladderBase: 0, step, levels));
        return index;
    }

    /// <summary>Lists a plain instrument whose ladder spans a price band (see <see cref="MatchingEngine.AddInstrument"/>).</summary>
    public int AddInstrument(Instrument instrument, IFeeModel fees, bool sellRequiresInventory, VenueRules? rules,
        Price? bandMin, Price? bandMax, Price? ladderStep)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(fees);
        long step = (ladderStep ?? instrument.TickSize).Raw;
        CheckTick(instrument.TickSize, step);
        long lo = FixedPoint.FloorTo((bandMin ?? instrument.MinPrice).Raw, step);
        long hi = (bandMax ?? instrument.MaxPrice).Raw;
        long levels = (hi - lo) / step + 1;
        if (levels <= 0 || levels > MaxLadderLevels)
            throw new ArgumentException($"price band {FixedPoint.Format(lo)}..{FixedPoint.Format(hi)} at step {FixedPoint.Format(step)} needs {levels} levels (max {MaxLadderLevels}); pass a narrower band", nameof(bandMax));
        int index = _markets.Count;
        int slot = AddSlot(instrument, index, false);
        _markets.Add(new InstrumentOrderBook(index, instrument, slot, null, -1, fees, rules ?? VenueRules.Bybit,
            sellRequiresInventory, lo, step, (int)levels));
        return index;
    }

    /// <summary>A run-time tick change: resting orders stay where they are; new orders must respect the new tick.</summary>
    public void ChangeTick(int market, Price newTick)
    {
        InstrumentOrderBook mk = _markets[market];
        CheckTick(newTick, mk.Granularity);
        mk.Yes.ChangeTick(newTick);
        mk.No?.ChangeTick(newTick);
    }

    private static void CheckTick(Price tick, long step)
    {
        if (tick.Raw <= 0 || tick.Raw % step != 0)
            throw new ArgumentException($"tick {tick} is not a multiple of the ladder step {FixedPoint.Format(step)}", nameof(tick));
    }

    private int AddSlot(Instrument instrument, int market, bool isNo)
    {
        if (_slotById.ContainsKey(instrument.Id)) throw new ArgumentException($"{instrument.Id} is already registered", nameof(instrument));
        if (_slotCount == _slotInstrument.Length)
        {
            Array.Resize(ref _slotInstrument, _slotCount * 2);
            Array.Resize(ref _slotMarket, _slotCount * 2);
            Array.Resize(ref _slotIsNo, _slotCount * 2);
        }

        int slot = _slotCount++;
        _slotInstrument[slot] = instrument;
        _slotMarket[slot] = market;
        _slotIsNo[slot] = isNo;
        _slotById.Add(instrument.Id, slot);
        return slot;
    }
}
