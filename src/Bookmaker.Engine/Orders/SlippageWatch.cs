using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// The price each live order was expected to fill at — its limit, or the mark when it was sent for an immediate or
/// market order — and a WARNING <c>slippage</c> when a fill comes in more than the threshold worse. One job; allocation
/// free on the fill path.
/// </summary>
internal sealed class SlippageWatch(AlertCenter alerts, long warnBps)
{
    private readonly Dictionary<ClientOrderId, long> _expectedRaw = [];

    /// <summary>Remembers what <paramref name="id"/> should fill at (≤ 0: unknown, never judged).</summary>
    public void Expect(ClientOrderId id, long expectedRaw) => _expectedRaw[id] = expectedRaw;

    /// <summary>The order is closed: nothing more to judge.</summary>
    public void Forget(ClientOrderId id) => _expectedRaw.Remove(id);

    /// <summary>Judges one fill of <paramref name="order"/>.</summary>
    public void Check(Order order, Fill fill)
    {
        if (!_expectedRaw.TryGetValue(order.Id, out long expected) || expected <= 0) return;
        long adverse = fill.Side == Side.Buy ? fill.Price.Raw - expected : expected - fill.Price.Raw;
        if (adverse <= 0) return;
        long bps = (long)((Int128)adverse * 10_000 / expected);
        if (bps > warnBps)
            alerts.Raise("slippage", AlertSeverity.Warning, $"{order.Id} filled {bps} bps worse than expected ({fill.Price} vs {new Price(expected)})", order.Instrument.ToString());
    }
}
