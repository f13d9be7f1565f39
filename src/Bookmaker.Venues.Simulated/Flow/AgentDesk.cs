using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// Where the profile flow's agents send their orders: submits and cancels on the <see cref="MatchingEngine"/>, hands the
/// engine's events to the venue (so our resting orders filled by agents are reported and the feed publishes) and counts
/// what the agents did.
/// </summary>
public sealed class AgentDesk
{
    private readonly MatchingEngine _engine;
    private readonly MatchEventBuffer _buffer = new(256);
    private readonly Action<MatchEventBuffer>? _onEvents;
    private long _nextClientId;

    /// <summary>Sends to <paramref name="engine"/>; <paramref name="onEvents"/> sees the events of every action.</summary>
    public AgentDesk(MatchingEngine engine, Action<MatchEventBuffer>? onEvents)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _onEvents = onEvents;
    }

    /// <summary>The engine.</summary>
    public MatchingEngine Engine => _engine;

    /// <summary>Agent orders submitted.</summary>
    public long OrdersSubmitted { get; private set; }

    /// <summary>Matching events the agents caused.</summary>
    public long EventsGenerated { get; private set; }

    /// <summary>Called with each taker print the agents cause (time ticks, market, aggressor side, price, size).</summary>
    public Action<long, int, Side, Price, Quantity>? TakerPrint { get; set; }

    /// <summary>A post-only GTC limit order; returns its engine id (0 when it did not rest).</summary>
    public long Post(int account, int slot, Side side, long priceRaw, long sizeRaw)
    {
        long id = Send(new SimOrder(account, NextId(), slot, side, OrderType.Limit, TimeInForce.Gtc, new Price(priceRaw), new Quantity(sizeRaw), PostOnly: true));
        return _engine.TryGetOpenOrder(id, out _, out _) ? id : 0;
    }

    /// <summary>A marketable fill-and-kill order capped at <paramref name="limitRaw"/>.</summary>
    public void Take(int account, int slot, Side side, long limitRaw, long sizeRaw) =>
        Send(new SimOrder(account, NextId(), slot, side, OrderType.Limit, TimeInForce.Fak, new Price(limitRaw), new Quantity(sizeRaw)));

    /// <summary>Cancels an order if it still rests; clears the id either way.</summary>
    public void CancelIfLive(int account, ref long orderId)
    {
        if (orderId == 0) return;
        if (_engine.TryGetOpenOrder(orderId, out _, out _))
        {
            _buffer.Clear();
            _engine.Cancel(account, orderId, _buffer);
            Flush();
        }

        orderId = 0;
    }

    /// <summary>True when the order still rests at <paramref name="priceRaw"/>.</summary>
    public bool RestsAt(long orderId, long priceRaw) =>
        orderId != 0 && _engine.TryGetOpenOrder(orderId, out _, out var p) && p.Raw == priceRaw;

    private long Send(in SimOrder order)
    {
        _buffer.Clear();
        long id = _engine.Submit(order, _buffer);
        OrdersSubmitted++;
        if (TakerPrint is { } print)
        {
            foreach (ref readonly var e in _buffer.AsSpan())
            {
                if (e.Kind == MatchEventKind.Fill && e.Liquidity == Liquidity.Taker && e.OrderId == id)
                    print(e.TimestampTicks, _engine.MarketOf(e.Instrument).Index, e.Side, e.Price, e.Size);
            }
        }

        Flush();
        return id;
    }

    private void Flush()
    {
        EventsGenerated += _buffer.Count;
        _onEvents?.Invoke(_buffer);
    }

    private ClientOrderId NextId() => new((ulong)++_nextClientId);
}
