using System.Text.Json;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Bybit.UserStream;

/// <summary>
/// Turns the private <c>position</c> stream (and <c>/v5/position/list</c>, same fields) into the gate's perpetual risk
/// inputs: the venue's <c>markPrice</c> (<see cref="MarketDataKind.VenueMark"/>) and our <c>liqPrice</c>
/// (<see cref="MarketDataKind.LiquidationPrice"/>; an empty or zero one — a flat position — clears it). Positions
/// themselves stay the ledger's, booked from the fills. Position messages come per order action, not per book update,
/// so this reads them with the element API.
/// </summary>
public sealed class PositionRiskTranslator
{
    private readonly Dictionary<string, Instrument> _bySymbol;
    private readonly TimeProvider _time;

    /// <summary>Creates the translator for the adapter's instruments (their engine index is read when a message comes).</summary>
    public PositionRiskTranslator(IEnumerable<Instrument> instruments, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _bySymbol = instruments.Where(i => i.Kind == InstrumentKind.LinearPerpetual).ToDictionary(i => i.Id.Symbol, StringComparer.Ordinal);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The engine's sink (null until start).</summary>
    public IVenueEventSink? Sink { get; set; }

    /// <summary>Position items read.</summary>
    public long Updates { get; private set; }

    /// <summary>One position item; returns true when it was one of ours and was published.</summary>
    public bool OnPosition(JsonElement item)
    {
        if (Sink is not { } sink || PrivateFields.Str(item, "symbol") is not { } symbol || !_bySymbol.TryGetValue(symbol, out var instrument) || instrument.Index < 0)
            return false;
        var mark = PrivateFields.Price(item, "markPrice");
        var liquidation = PrivateFields.Price(item, "liqPrice");
        // A flat position has no liquidation price, whatever the field says.
        if (PrivateFields.Qty(item, "size").Raw == 0 || liquidation.Raw < 0) liquidation = Price.Zero;
        long now = _time.GetUtcNow().UtcTicks;
        Updates++;
        if (mark.Raw > 0) sink.OnMarketData(new MarketDataEvent(MarketDataKind.VenueMark, instrument.Index, Side.Buy, mark, default, 0, 0, now, now, false));
        sink.OnMarketData(new MarketDataEvent(MarketDataKind.LiquidationPrice, instrument.Index, Side.Buy, liquidation, default, 0, 0, now, now, true));
        return true;
    }
}
