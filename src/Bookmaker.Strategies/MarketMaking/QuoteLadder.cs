using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>How the side that would grow |q| is shrunk.</summary>
public enum InventoryShrinkMode : byte
{
    /// <summary>Multiply its sizes by a constant factor (default 0.5).</summary>
    Factor = 0,

    /// <summary>Multiply its sizes by exp(−η·|q|), q in shares (Hummingbot's η transform).</summary>
    Exponential = 1,
}

/// <summary>Options of <see cref="QuoteLadder"/>.</summary>
/// <param name="LevelOffsetsTicks">Per level, the extra distance in ticks beyond level 0, strictly increasing, first ≥ 0
/// (default 0, 2, 4).</param>
/// <param name="LevelSizes">Per level, the size in shares before inventory shrink (default 10, 20, 30).</param>
/// <param name="MinSpreadTicks">Smallest ask − bid at level 0, in ticks (default 1).</param>
/// <param name="PostOnly">Clamp quotes to stay passive: bid ≤ best ask − tick, ask ≥ best bid + tick (default true).</param>
/// <param name="ShrinkMode">How the inventory-growing side shrinks (default <see cref="InventoryShrinkMode.Factor"/>).</param>
/// <param name="ShrinkFactor">Factor mode multiplier in (0, 1] (default 0.5).</param>
/// <param name="Eta">Exponential mode η per share (default 0.005: ×e^(−0.5) at 100 shares).</param>
/// <param name="MaxInventory">Largest |q| in shares; at or beyond it only the reducing side is quoted, and each side's
/// total size is capped so that q stays within ±MaxInventory if all of it fills (default 500; see <see cref="InventoryLimit"/>).</param>
public sealed record QuoteLadderOptions(
    IReadOnlyList<int>? LevelOffsetsTicks = null,
    IReadOnlyList<Quantity>? LevelSizes = null,
    int MinSpreadTicks = 1,
    bool PostOnly = true,
    InventoryShrinkMode ShrinkMode = InventoryShrinkMode.Factor,
    double ShrinkFactor = 0.5,
    double Eta = 0.005,
    Quantity? MaxInventory = null)
{
    /// <summary>Effective level offsets.</summary>
    public IReadOnlyList<int> Offsets => LevelOffsetsTicks ?? [0, 2, 4];

    /// <summary>Effective level sizes.</summary>
    public IReadOnlyList<Quantity> Sizes => LevelSizes ?? [Quantity.FromUnits(10), Quantity.FromUnits(20), Quantity.FromUnits(30)];

    /// <summary>Effective max inventory.</summary>
    public Quantity MaxQ => MaxInventory ?? Quantity.FromUnits(500);

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        var offsets = Offsets;
        var sizes = Sizes;
        OptionError.Check(errors, offsets.Count is >= 1 and <= 32, "mm.ladder.levelOffsetsTicks", OptionError.Text(offsets.Count), "must have 1..32 levels");
        OptionError.Check(errors, sizes.Count == offsets.Count, "mm.ladder.levelSizes", OptionError.Text(sizes.Count), "must have as many entries as levelOffsetsTicks");
        for (int i = 0; i < offsets.Count; i++)
        {
            bool ok = i == 0 ? offsets[0] >= 0 : offsets[i] > offsets[i - 1];
            OptionError.Check(errors, ok, $"mm.ladder.levelOffsetsTicks[{i}]", OptionError.Text(offsets[i]), "must be >= 0 and strictly increasing");
        }

        for (int i = 0; i < sizes.Count; i++)
            OptionError.Check(errors, sizes[i].Raw > 0, $"mm.ladder.levelSizes[{i}]", sizes[i].ToString(), "must be > 0");
        OptionError.Check(errors, MinSpreadTicks >= 1, "mm.ladder.minSpreadTicks", OptionError.Text(MinSpreadTicks), "must be >= 1");
        OptionError.Check(errors, Enum.IsDefined(ShrinkMode), "mm.ladder.shrinkMode", ShrinkMode.ToString(), "must be Factor or Exponential");
        OptionError.Check(errors, double.IsFinite(ShrinkFactor) && ShrinkFactor is > 0 and <= 1, "mm.ladder.shrinkFactor", OptionError.Text(ShrinkFactor), "must be in (0, 1]");
        OptionError.NonNegative(errors, "mm.ladder.eta", Eta);
        OptionError.Check(errors, MaxQ.Raw > 0, "mm.ladder.maxInventory", MaxQ.ToString(), "must be > 0");
        return errors;
    }
}

/// <summary>One quote of the ladder.</summary>
/// <param name="Side">Buy (bid) or sell (ask).</param>
/// <param name="Price">On-tick price inside the instrument's bounds.</param>
/// <param name="Size">On-step size ≥ the instrument's minimum.</param>
/// <param name="Level">Ladder level (0 = closest to the reservation price).</param>
public readonly record struct LadderQuote(Side Side, Price Price, Quantity Size, int Level);

/// <summary>
/// Turns a reservation price and half-spread into a ladder of valid, passive quotes.
/// </summary>
/// <remarks>
/// <para>Level 0: h = max(halfSpread, MinSpreadTicks·tick/2); (bid, ask) = <see cref="QuotePair.FromModel"/>(r − h, r + h):
/// bid rounded DOWN and ask rounded UP to the current tick, moved only passively to fit the bounds, refused if it cannot.</para>
/// <para>Level i: bid_i = bid₀ − offset_i·tick, ask_i = ask₀ + offset_i·tick. Post-only: bid_i ≤ bestAsk − tick and
/// ask_i ≥ bestBid + tick; each deeper level stays at least one tick behind the previous one. A level out of bounds is
/// dropped.</para>
/// <para>Sizes: the side that would grow |q| (bids when long, asks when short) is multiplied by ShrinkFactor or by
/// exp(−η·|q|). Each side's cumulative size is capped by its <see cref="InventoryRoom"/> (see <see cref="InventoryLimit"/>):
/// bids at MaxInventory − q − open raising orders, asks at MaxInventory + q − open lowering orders, so at q = 0 neither
/// side may total more than MaxInventory and at |q| ≥ MaxInventory the growing side is not quoted at all. Sizes are
/// floored to the size step; a size below the minimum drops the level.</para>
/// Guarantees (property-tested): every quote is on tick, in bounds, every bid &lt; every ask, and with post-only no bid
/// ≥ best ask and no ask ≤ best bid. Allocation free per call.
/// </remarks>
public sealed class QuoteLadder
{
    private readonly int[] _offsets;
    private readonly long[] _sizes;
    private readonly int _minSpreadTicks;
    private readonly bool _postOnly;
    private readonly InventoryShrinkMode _mode;
    private readonly double _factor;
    private readonly double _eta;
    private readonly long _maxQ;

    /// <summary>Creates a ladder; <paramref name="options"/> must be valid.</summary>
    public QuoteLadder(QuoteLadderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().Count > 0) throw new ArgumentException("invalid ladder options", nameof(options));
        _offsets = [.. options.Offsets];
        _sizes = [.. options.Sizes.Select(s => s.Raw)];
        _minSpreadTicks = options.MinSpreadTicks;
        _postOnly = options.PostOnly;
        _mode = options.ShrinkMode;
        _factor = options.ShrinkFactor;
        _eta = options.Eta;
        _maxQ = options.MaxQ.Raw;
    }

    /// <summary>Levels per side.</summary>
    public int Levels => _offsets.Length;

    /// <summary>Size of the destination that always suffices (both sides, every level).</summary>
    public int MaxQuotes => 2 * _offsets.Length;

    /// <summary>
    /// Writes the ladder (bids first, then asks) into <paramref name="destination"/> and returns how many quotes it wrote.
    /// </summary>
    /// <param name="reservation">Reservation price r.</param>
    /// <param name="halfSpread">Half-spread δ/2 (non-finite or ≤ 0 means "as tight as allowed").</param>
    /// <param name="inventory">Net delta q in shares.</param>
    /// <param name="top">Current top of book (for the post-only clamp).</param>
    /// <param name="instrument">Tick, bounds, size step and minimum size.</param>
    /// <param name="destination">At least <see cref="MaxQuotes"/> long.</param>
    public int Build(double reservation, double halfSpread, Quantity inventory, in BookTop top, Instrument instrument, Span<LadderQuote> destination) =>
        Build(reservation, halfSpread, inventory, InventoryLimit.Room(new Quantity(_maxQ), inventory, Quantity.Zero, Quantity.Zero), top, instrument, destination);

    /// <summary>
    /// As <see cref="Build(double, double, Quantity, in BookTop, Instrument, Span{LadderQuote})"/>, with each side's total
    /// capped by <paramref name="room"/> (which counts the caller's orders that can still fill; see <see cref="InventoryLimit"/>).
    /// </summary>
    /// <param name="reservation">Reservation price r.</param>
    /// <param name="halfSpread">Half-spread δ/2 (non-finite or ≤ 0 means "as tight as allowed").</param>
    /// <param name="inventory">Net delta q in shares (chooses the shrunk side).</param>
    /// <param name="room">Largest total size per side.</param>
    /// <param name="top">Current top of book (for the post-only clamp).</param>
    /// <param name="instrument">Tick, bounds, size step and minimum size.</param>
    /// <param name="destination">At least <see cref="MaxQuotes"/> long.</param>
    public int Build(double reservation, double halfSpread, Quantity inventory, InventoryRoom room, in BookTop top, Instrument instrument, Span<LadderQuote> destination)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (destination.Length < MaxQuotes) throw new ArgumentException("destination shorter than MaxQuotes", nameof(destination));
        Price tick = instrument.TickSize;
        double minHalf = _minSpreadTicks * tick.ToDouble() * 0.5;
        double h = double.IsFinite(halfSpread) && halfSpread > minHalf ? halfSpread : minHalf;
        var pair = QuotePair.FromModel(reservation - h, reservation + h, instrument);

        long q = inventory.Raw;
        Side growing = q > 0 ? Side.Buy : Side.Sell;
        double shrink = _mode == InventoryShrinkMode.Factor ? _factor : Math.Exp(-_eta * Math.Abs(inventory.ToDouble()));

        int n = 0;
        if (pair.HasBid)
            n += BuildSide(Side.Buy, pair.Bid, q != 0 && growing == Side.Buy, shrink, Math.Max(0, room.Buy.Raw), top, instrument, destination[n..]);
        if (pair.HasAsk)
            n += BuildSide(Side.Sell, pair.Ask, q != 0 && growing == Side.Sell, shrink, Math.Max(0, room.Sell.Raw), top, instrument, destination[n..]);
        return n;
    }

    private int BuildSide(Side side, Price level0, bool grows, double shrink, long headroom, in BookTop top, Instrument instrument, Span<LadderQuote> dest)
    {
        if (headroom == 0) return 0;
        Price tick = instrument.TickSize;
        long step = instrument.SizeStep.Raw;
        bool isBid = side == Side.Buy;
        int n = 0;
        Price previous = default;
        for (int i = 0; i < _offsets.Length; i++)
        {
            Price offset = new(checked(_offsets[i] * tick.Raw));
            Price p = isBid ? level0 - offset : level0 + offset;
            if (_postOnly)
            {
                if (isBid && top.HasAsk) p = Price.Min(p, (top.BestAsk - tick).FloorTo(tick));
                if (!isBid && top.HasBid) p = Price.Max(p, (top.BestBid + tick).CeilTo(tick));
            }

            if (n > 0) p = isBid ? Price.Min(p, previous - tick) : Price.Max(p, previous + tick);
            if (p < instrument.MinPrice || p > instrument.MaxPrice) break; // deeper levels only go further out

            long size = _sizes[i];
            if (grows) size = (long)Math.Floor(size * shrink);
            size = Math.Min(size, headroom);
            size -= size % step;
            if (size <= 0 || size < instrument.MinSize.Raw) continue;
            headroom -= size;
            dest[n++] = new LadderQuote(side, p, new Quantity(size), i);
            previous = p;
            if (headroom == 0) break;
        }

        return n;
    }
}
