namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>
/// One direction of one connection (the market-data WebSocket, the order-entry path, the response path) with its own
/// seeded random stream. Delivery is FIFO: a message is delivered at <c>max(send + draw, previous delivery)</c>, so a
/// later message whose draw is shorter waits behind the earlier one instead of overtaking it — a venue's WebSocket or
/// HTTP/1.1 connection does not reorder. Reordering is a fault (see <c>Faults</c>), injected on purpose.
/// Not thread-safe: it belongs to the single-threaded simulation driver.
/// </summary>
public sealed class LatencyChannel
{
    private readonly Random _random;
    private long _lastDeliveryTicks = long.MinValue;

    /// <summary>A channel drawing from <paramref name="model"/> with its own <see cref="Random"/>(<paramref name="seed"/>).</summary>
    public LatencyChannel(ILatencyModel model, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _random = new Random(seed);
    }

    /// <summary>The delay model.</summary>
    public ILatencyModel Model { get; }

    /// <summary>Delivery time of the last message scheduled, or <see cref="long.MinValue"/> before the first.</summary>
    public long LastDeliveryTicks => _lastDeliveryTicks;

    /// <summary>
    /// Schedules a message sent at <paramref name="sendTimeTicks"/> and returns its delivery time (UTC ticks), never
    /// earlier than the send time nor than the previous message's delivery. Messages must be scheduled in send order.
    /// </summary>
    public long Schedule(long sendTimeTicks)
    {
        TimeSpan draw = Model.Draw(sendTimeTicks, _random);
        if (draw < TimeSpan.Zero) draw = TimeSpan.Zero; // defensive: a custom model must not deliver before the send
        long due = checked(sendTimeTicks + draw.Ticks);
        if (due < _lastDeliveryTicks) due = _lastDeliveryTicks;
        _lastDeliveryTicks = due;
        return due;
    }

    /// <summary>Forgets the previous delivery (a reconnect starts a new connection with nothing in flight).</summary>
    public void Reset() => _lastDeliveryTicks = long.MinValue;
}
