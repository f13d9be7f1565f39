using System.Collections.Concurrent;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// User-channel events → <see cref="ExecutionReport"/>s: trade MATCHED ⇒ <see cref="ExecutionReportKind.Filled"/> at
/// <see cref="SettlementState.Matched"/> (once per fill id); MINED / RETRYING / CONFIRMED ⇒
/// <see cref="ExecutionReportKind.SettlementChanged"/> (and the fill itself first, at that rung, when its MATCHED was
/// missed); FAILED ⇒ <see cref="ExecutionReportKind.FillReversed"/> — the engine decides whether its ledger booked the
/// fill, so a FAILED trade is reversed after the finished-order cache window and after a restart too. Trades of orders
/// the map no longer knows are attributed through our API key (<c>owner</c>, <c>maker_orders[].owner</c>) for settlement
/// steps and failures only. Order CANCELLATION ⇒ <see cref="ExecutionReportKind.Cancelled"/>. PLACEMENT / UPDATE add
/// nothing: the POST answer acknowledged the order and fills come from trades.
/// </summary>
public sealed class UserEventMapper : IUserChannelSink
{
    private readonly VenueOrderMap _map;
    private readonly Func<IVenueEventSink?> _sink;
    private readonly TimeProvider _time;
    private readonly string? _apiKey;
    private readonly MarketFeeCurves _curves;
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _reversed = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the mapper; <paramref name="apiKey"/> attributes trades of orders the map does not know,
    /// <paramref name="curves"/> prices our taker fees by the markets' fee curves.
    /// </summary>
    public UserEventMapper(VenueOrderMap map, Func<IVenueEventSink?> sink, TimeProvider time, string? apiKey = null, MarketFeeCurves? curves = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _map = map;
        _sink = sink;
        _time = time;
        _apiKey = apiKey;
        _curves = curves ?? MarketFeeCurves.None;
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
        var sink = _sink();
        var state = TradeFills.ToSettlement(trade.Status);
        var now = _time.GetUtcNow();
        foreach (var (fill, order, venueId) in TradeFills.FromUserTrade(trade, _map, now, state == SettlementState.Matched ? null : _apiKey, _curves))
        {
            switch (state)
            {
                case SettlementState.Matched:
                    if (_reported.TryAdd(fill.TradeId, 0))
                        sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, order.OrderId, order.Instrument, venueId, RejectReason.None, null, fill, null, now, null, SettlementState.Matched));
                    break;
                case SettlementState.Failed:
                    if (_reversed.TryAdd(fill.TradeId, 0))
                        sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.FillReversed, order.OrderId, order.Instrument, venueId, RejectReason.VenueError,
                            "trade " + trade.TradeId + " FAILED on chain", fill, null, now));
                    break;
                default:
                    // The MATCHED message was missed (a reconnect): the fill arrives at this rung.
                    if (!order.OrderId.IsEmpty && _reported.TryAdd(fill.TradeId, 0))
                        sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, order.OrderId, order.Instrument, venueId, RejectReason.None, null, fill, null, now, null, state));
                    sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.SettlementChanged, order.OrderId, order.Instrument, venueId, RejectReason.None,
                        trade.Status.ToString().ToUpperInvariant(), fill, null, now, null, state));
                    break;
            }
        }
    }

    /// <inheritdoc />
    public void OnMalformed(MalformedReason reason, ReadOnlySpan<byte> frame)
    {
        // Counted by the parser; the frame is not logged (the user channel may echo account data).
    }
}
