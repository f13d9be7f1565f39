using System.Collections.Concurrent;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>Our order behind a Polymarket order id.</summary>
/// <param name="OrderId">Our id.</param>
/// <param name="Instrument">Instrument.</param>
/// <param name="Side">Side.</param>
public readonly record struct MappedOrder(ClientOrderId OrderId, InstrumentId Instrument, Side Side);

/// <summary>
/// Polymarket order id ↔ <see cref="ClientOrderId"/>, filled from POST /order answers. Polymarket has no client order
/// id, so this map is the only way user-channel events find our orders; ids unknown to it are someone else's (or
/// from before a restart — reconciliation handles those). Thread-safe.
/// </summary>
public sealed class VenueOrderMap
{
    private readonly ConcurrentDictionary<string, MappedOrder> _byVenue = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<ClientOrderId, string> _byClient = new();

    /// <summary>Number of mapped orders.</summary>
    public int Count => _byVenue.Count;

    /// <summary>Records an acknowledged order.</summary>
    public void Add(string venueOrderId, MappedOrder order)
    {
        ArgumentException.ThrowIfNullOrEmpty(venueOrderId);
        _byVenue[venueOrderId] = order;
        _byClient[order.OrderId] = venueOrderId;
    }

    /// <summary>Finds our order by venue id.</summary>
    public bool TryGet(string? venueOrderId, out MappedOrder order)
    {
        if (venueOrderId is null)
        {
            order = default;
            return false;
        }

        return _byVenue.TryGetValue(venueOrderId, out order);
    }

    /// <summary>The venue id of our order, if acknowledged.</summary>
    public string? VenueIdOf(ClientOrderId id) => _byClient.GetValueOrDefault(id);
}
