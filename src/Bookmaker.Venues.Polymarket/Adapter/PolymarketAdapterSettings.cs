using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Ws;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>Everything <see cref="PolymarketVenueAdapter"/> needs besides keys and markets.</summary>
public sealed record PolymarketAdapterSettings
{
    /// <summary>REST endpoints and resilience.</summary>
    public required PolymarketHttpSettings Http { get; init; }

    /// <summary>Market channel URL (…/ws/market).</summary>
    public required Uri MarketWsUrl { get; init; }

    /// <summary>User channel URL (…/ws/user).</summary>
    public required Uri UserWsUrl { get; init; }

    /// <summary>WebSocket keep-alive settings.</summary>
    public PolymarketSocketSettings Socket { get; init; } = new();

    /// <summary>Heartbeat period.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the venue waits without a heartbeat before it cancels every order (default 10 s).</summary>
    public TimeSpan HeartbeatWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-asset data watchdog of the market channel.</summary>
    public AssetWatchdogSettings AssetWatchdog { get; init; } = new();

    /// <summary>
    /// After a 503 cancel-only / post-only answer without Retry-After, how long until the adapter tells the engine the
    /// venue is live again (the next submit re-raises the mode if it still holds).
    /// </summary>
    public TimeSpan ModeProbeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Contracts of the chain.</summary>
    public PolymarketContracts Contracts { get; init; } = PolymarketContracts.Polygon;

    /// <summary>Order signature type.</summary>
    public SignatureType SignatureType { get; init; } = SignatureType.Eoa;

    /// <summary>Funder / deposit wallet for signature types 1–3.</summary>
    public string? Funder { get; init; }

    /// <summary>From the validated configuration.</summary>
    public static PolymarketAdapterSettings From(PolymarketOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        string ws = o.WsUrl.ToString().TrimEnd('/') + "/";
        return new PolymarketAdapterSettings
        {
            Http = PolymarketHttpSettings.From(o),
            MarketWsUrl = new Uri(ws + "market"),
            UserWsUrl = new Uri(ws + "user"),
            Socket = new PolymarketSocketSettings { StaleTimeout = o.WsStaleTimeout },
            HeartbeatInterval = o.HeartbeatInterval,
            HeartbeatWindow = o.HeartbeatWindow,
            AssetWatchdog = new AssetWatchdogSettings { MinSilence = o.AssetSilenceMin, MaxSilence = o.AssetSilenceMax },
            Contracts = o.ChainId == 80002 ? PolymarketContracts.Amoy : PolymarketContracts.Polygon,
            SignatureType = (SignatureType)o.SignatureType,
            Funder = o.Funder,
        };
    }
}
