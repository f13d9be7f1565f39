using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Risk;

/// <summary>One checked leg of a basket: its risk group, instrument, YES-equivalent change and shares sold.</summary>
internal struct BasketEffect
{
    public int Group;
    public int Instrument;
    public long Delta;
    public long Sells;
}

/// <summary>Cumulative effect of the legs of a basket checked so far (stack memory only).</summary>
internal ref struct PendingBasket(Span<BasketEffect> effects)
{
    private readonly Span<BasketEffect> _effects = effects;

    public int Count { get; private set; }

    public Money Cash { get; private set; }

    public Money Exposure { get; private set; }

    public int NewGroups { get; private set; }

    public readonly long GroupDelta(int group)
    {
        long d = 0;
        for (int i = 0; i < Count; i++) if (_effects[i].Group == group) d += _effects[i].Delta;
        return d;
    }

    public readonly long Sells(int instrument)
    {
        long s = 0;
        for (int i = 0; i < Count; i++) if (_effects[i].Instrument == instrument) s += _effects[i].Sells;
        return s;
    }

    /// <summary>Adds a leg that passed; its YES-equivalent change is valued at its group's mark, as in the check.</summary>
    public void Add(OrderRequest o, Instrument inst, in InstrumentRisk r, long groupMarkRaw)
    {
        long change = (o.Side == Side.Buy ? o.Size.Raw : -o.Size.Raw) * r.Sign;
        if (GroupDelta(r.Group) == 0 && change != 0) NewGroups++;
        _effects[Count++] = new BasketEffect { Group = r.Group, Instrument = inst.Index, Delta = change, Sells = o.Side == Side.Sell ? o.Size.Raw : 0 };
        if (o.Side == Side.Buy) Cash += o.Notional;
        if (groupMarkRaw > 0) Exposure += new Money(FixedPoint.MultiplyScaled(change, groupMarkRaw, MidpointRounding.AwayFromZero));
    }
}
