using System.Collections.Concurrent;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// User-channel events → <see cref="ExecutionReport"/>s for orders in the <see cref="VenueOrderMap"/>:
/// trade MATCHED ⇒ <see cref="ExecutionReportKind.Filled"/> (once per fill id); MINED / CONFIRMED / RETRYING ⇒ nothing
/// new; FAILED ⇒ <see cref="ExecutionReportKind.FillReversed"/> of a fill reported before (the trade did not settle);
/// order CANCELLATION ⇒ <see cref="ExecutionReportKind.Cancelled"/>. PLACEMENT / UPDATE add nothing: the POST answer
/// acknowledged the order and fills come from trades.
/// </summary>
public sealed class UserEventMapper : IUserChannelSink
{
    private readonly VenueOrderMap _map;
    private readonly Func<IVenueEventSink?> _sink;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _reversed = new(StringComparer.Ordinal);

    /// <summary>Creates the mapper.</summary>
    public UserEventMapper(VenueOrderMap map, Func<IVenueEventSink?> sink, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _map = map;
        _sink = sink;
        _time = time;
    }

    /// <inheritdoc />
    public void OnOrder(UserOrderEvent order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Type != UserOrderEventType.Cancellation || !_map.TryGet(order.OrderId, out var o)) return;
        _sink()?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, o.OrderId, o.Instrument, order.OrderId, RejectReason.None, order.Status, null, order.LeavesSize, _time.GetUtcNow()));
    }

    /// <inheritdoc />
    public void OnTrade(UserTradeEvent trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (trade.Status is not (TradeStatus.Matched or TradeStatus.Failed)) return;
        var sink = _sink();
        foreach (var (fill, order, venueId) in TradeFills.FromUserTrade(trade, _map, _time.GetUtcNow()))
        {
            if (trade.Status == TradeStatus.Matched)
            {
                if (!_reported.TryAdd(fill.TradeId, 0)) continue;
                sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, order.OrderId, order.Instrument, venueId, RejectReason.None, null, fill, null, _time.GetUtcNow()));
            }
            else if (_reported.ContainsKey(fill.TradeId) && _reversed.TryAdd(fill.TradeId, 0))
            {
                sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.FillReversed, order.OrderId, order.Instrument, venueId, RejectReason.VenueError,
                    "trade " + trade.TradeId + " FAILED on chain", fill, null, _time.GetUtcNow()));
            }
        }
    }

    /// <inheritdoc />
    public void OnMalformed(MalformedReason reason, ReadOnlySpan<byte> frame)
    {
        // Counted by the parser; the frame is not logged (the user channel may echo account data).
    }
}
