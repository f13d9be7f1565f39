using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// The order manager's index of live (non-final) orders: by id, in id order (creation order within a session, for
/// deterministic iteration) and per instrument (so the own-quote update after each submit or close scans a handful of
/// orders, not every live order of the account). One job: keep the three views in step — and remember which live
/// orders were re-tracked from the journal after a restart (reconciliation judges those at once, no in-flight grace).
/// </summary>
internal sealed class LiveOrders(InstrumentRegistry instruments)
{
    private readonly Dictionary<ClientOrderId, Order> _byId = [];
    private readonly SortedSet<ClientOrderId> _ids = [];
    private readonly HashSet<ClientOrderId> _restored = [];
    private List<Order>[] _byInstrument = [];

    /// <summary>Number of live orders.</summary>
    public int Count => _byId.Count;

    /// <summary>Live ids in id order (do not change the set while iterating; see <see cref="IdsSnapshot"/>).</summary>
    public SortedSet<ClientOrderId> Ids => _ids;

    /// <summary>A copy of the live ids in id order, for loops that close orders as they go.</summary>
    public ClientOrderId[] IdsSnapshot() => [.. _ids];

    /// <summary>The live order with <paramref name="id"/>, if any.</summary>
    public bool TryGet(ClientOrderId id, out Order order) => _byId.TryGetValue(id, out order!);

    /// <summary>True when <paramref name="id"/> is live.</summary>
    public bool Contains(ClientOrderId id) => _byId.ContainsKey(id);

    /// <summary>Live orders on the instrument at <paramref name="index"/>, in creation order (a view: read at once).</summary>
    public IReadOnlyList<Order> On(int index) => index < _byInstrument.Length && _byInstrument[index] is { } list ? list : [];

    /// <summary>True when the live order <paramref name="id"/> was re-tracked from the journal (its request left before a restart).</summary>
    public bool IsRestored(ClientOrderId id) => _restored.Contains(id);

    /// <summary>
    /// Starts tracking <paramref name="order"/> on <paramref name="instrument"/>; <paramref name="restored"/> when it was
    /// re-tracked from the journal.
    /// </summary>
    public void Add(Order order, Instrument instrument, bool restored = false)
    {
        if (restored) _restored.Add(order.Id);
        _byId.Add(order.Id, order);
        _ids.Add(order.Id);
        if (instrument.Index >= _byInstrument.Length) Array.Resize(ref _byInstrument, Math.Max(instrument.Index + 1, instruments.Count));
        (_byInstrument[instrument.Index] ??= []).Add(order);
    }

    /// <summary>Stops tracking <paramref name="order"/>.</summary>
    public void Remove(Order order, Instrument instrument)
    {
        _byId.Remove(order.Id);
        _ids.Remove(order.Id);
        _restored.Remove(order.Id);
        if (instrument.Index < _byInstrument.Length) _byInstrument[instrument.Index]?.Remove(order);
    }

    /// <summary>
    /// Our best resting limit prices on the instrument at <paramref name="index"/> (zero when none): immediate orders
    /// never rest and orders being cancelled no longer count.
    /// </summary>
    public (Price Bid, Price Ask) OwnQuotes(int index)
    {
        Price bid = Price.Zero, ask = Price.Zero;
        var orders = index < _byInstrument.Length ? _byInstrument[index] : null;
        if (orders is null) return (bid, ask);
        foreach (var o in orders)
        {
            if (o.Request.Type != OrderType.Limit || o.Request.TimeInForce is TimeInForce.Fok or TimeInForce.Fak) continue;
            if (o.Status == OrderStatus.PendingCancel) continue;
            // With an amend in flight the order may rest at either price: the more aggressive one counts.
            var price = o.Request.Price;
            if (o.PendingAmend is { } amend && (o.Side == Side.Buy ? amend.Price > price : amend.Price < price)) price = amend.Price;
            if (o.Side == Side.Buy && price > bid) bid = price;
            if (o.Side == Side.Sell && (ask.Raw == 0 || price < ask)) ask = price;
        }

        return (bid, ask);
    }
}
