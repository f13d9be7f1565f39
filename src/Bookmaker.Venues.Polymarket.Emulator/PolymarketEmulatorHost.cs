using System.Net;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// A loopback Polymarket CLOB V2 emulator — a TEST TOOL, not a venue adapter. A Kestrel server on 127.0.0.1 speaks the
/// CLOB REST API (public market data, L1 key creation, L2-authenticated trading), a Gamma-like discovery API under
/// <c>/gamma</c> and the <c>/ws/market</c> and <c>/ws/user</c> channels, with the simulated
/// <see cref="Simulated.Matching.MatchingEngine"/> matching behind it. It checks HMACs and recovers every order's
/// signer; tests steer it (liquidity, modes, restarts, dropped sockets, failed trades) through this object or the
/// <c>/admin/*</c> endpoints. See docs/polymarket-emulator.md.
/// </summary>
public sealed class PolymarketEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorVenue _venue;
    private readonly CancellationTokenSource _stopping = new();

    private PolymarketEmulatorHost(WebApplication app, EmulatorVenue venue, int port)
    {
        _app = app;
        _venue = venue;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        WsUrl = new Uri($"ws://127.0.0.1:{port}/ws/");
        GammaUrl = new Uri($"http://127.0.0.1:{port}/gamma");
    }

    /// <summary>The port Kestrel bound (chosen by the OS when the options said 0).</summary>
    public int Port { get; }

    /// <summary>CLOB REST base, e.g. http://127.0.0.1:41234 (paths as on clob.polymarket.com).</summary>
    public Uri BaseUrl { get; }

    /// <summary>WebSocket base ending in "/ws/": append "market" or "user".</summary>
    public Uri WsUrl { get; }

    /// <summary>Gamma-like discovery base (<c>/gamma/markets</c>, <c>/gamma/events</c>).</summary>
    public Uri GammaUrl { get; }

    /// <summary>The markets served.</summary>
    public IReadOnlyList<EmulatedMarket> Markets => _venue.Options.Markets;

    /// <summary>The emulator's clock.</summary>
    public TimeProvider Time => _venue.Time;

    /// <summary>Open WebSocket connections.</summary>
    public int WebSocketCount => _venue.ConnectionCount;

    /// <summary>User-channel sockets that have authenticated: a client's user feed is live once this counts it.</summary>
    public int AuthenticatedUserSockets => _venue.AuthenticatedUserCount;

    /// <summary>Starts the server on 127.0.0.1 and returns once it listens.</summary>
    public static async Task<PolymarketEmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var venue = new EmulatorVenue(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Use(ForbiddenGate.Middleware(venue));
        PolymarketEmulatorHost? host = null;
        EmulatorRoutes.Map(app, venue, options, () => host!._stopping.Token);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        int port = new Uri(app.Urls.First()).Port;
        host = new PolymarketEmulatorHost(app, venue, port);
        return host;
    }

    /// <summary>Creates (or returns) the API key of <paramref name="address"/> without L1 headers (tests' shortcut).</summary>
    public EmulatorCredentials CreateApiKey(EthereumAddress address, ulong nonce = 0) =>
        _venue.GetOrCreateKey(address, nonce, create: true)!.Credentials;

    /// <summary>Rests a GTC order of the house account (it has unlimited cash and splits tokens as needed); returns its id.</summary>
    public string PlaceLiquidity(string tokenId, Side side, Price price, Quantity size) => _venue.PlaceFlow(tokenId, side, price, size, take: false);

    /// <summary>Sends a FAK order from a second flow account against the book (fills resting orders); returns its id.</summary>
    public string TakeLiquidity(string tokenId, Side side, Price price, Quantity size) => _venue.PlaceFlow(tokenId, side, price, size, take: true);

    /// <summary>Puts the venue in a mode for <paramref name="duration"/> (null = until changed), on the emulator clock.</summary>
    public void SetTradingMode(TradingMode mode, TimeSpan? duration = null) => _venue.SetMode(mode, duration);

    /// <summary>Answers trading and account endpoints with 425 for <paramref name="duration"/> (matching-engine restart).</summary>
    public void BeginRestart(TimeSpan duration) => _venue.BeginRestart(duration);

    /// <summary>
    /// Answers every new order (POST /order, /orders) with HTTP 500 for <paramref name="duration"/> of emulator time
    /// (zero ends it): an order-entry outage, the storm a client's submit circuit breaker exists for.
    /// </summary>
    public void FailOrderPosts(TimeSpan duration) => _venue.FailOrderPosts(duration);

    /// <summary>Orders received through POST /order and /orders from API keys (the house flow is not counted).</summary>
    public long OrdersPosted => _venue.OrdersPosted;

    /// <summary>Orders placed and cancelled through the API, in order ("posted {id} {side} {price} {size}", "cancelled {id}").</summary>
    public IReadOnlyList<string> OrderTrail() => _venue.OrderTrail();

    /// <summary>Heartbeats received (a dead or stalled engine must stop sending them).</summary>
    public long HeartbeatsReceived => _venue.HeartbeatsReceived;

    /// <summary>Orders of <paramref name="apiKey"/> still resting on the book.</summary>
    public int RestingOrderCount(string apiKey) => _venue.RestingOrderCount(apiKey);

    /// <summary>Orders of <paramref name="apiKey"/> still resting in the market <paramref name="conditionId"/>.</summary>
    public int RestingOrderCount(string apiKey, string conditionId) => _venue.RestingOrderCount(apiKey, conditionId);

    /// <summary>
    /// <paramref name="apiKey"/>'s best resting bid in a market on its YES view (a YES bid at p, or a NO ask at 1 − p, which a
    /// taker selling YES meets just the same), or null when none rests.
    /// </summary>
    public Price? BestRestingYesBid(string apiKey, string conditionId) => _venue.BestRestingYesBid(apiKey, conditionId);

    /// <summary>GET /api/geoblock URL (point <c>Venue:Polymarket:GeoblockUrl</c> here).</summary>
    public Uri GeoblockUrl => new(BaseUrl, "/api/geoblock");

    /// <summary>What the geoblock endpoint answers (default: not blocked, IE).</summary>
    public EmulatedGeoblock Geoblock
    {
        get => _venue.Geoblock;
        set => _venue.Geoblock = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>What GET /auth/ban-status/closed-only answers (default false).</summary>
    public bool ClosedOnly
    {
        get => _venue.ClosedOnly;
        set => _venue.ClosedOnly = value;
    }

    /// <summary>Aborts every WebSocket connection (no close handshake); returns how many.</summary>
    public int DropAllWebSockets() => _venue.DropAllWebSockets();

    /// <summary>Stops (or resumes) one token's market-channel data while PONGs and other assets go on.</summary>
    public void SilenceAsset(string tokenId, bool silent = true) => _venue.SilenceAsset(tokenId, silent);

    /// <summary>Answers every heartbeat with HTTP 500 for <paramref name="duration"/> of emulator time (zero ends it).</summary>
    public void FailHeartbeats(TimeSpan duration) => _venue.FailHeartbeatsUntil(duration > TimeSpan.Zero ? _venue.Time.GetUtcNow() + duration : null);

    /// <summary>
    /// Changes a market's tick and sends <c>tick_size_change</c> for both tokens — or, with <paramref name="announce"/>
    /// false, sends nothing (the change a reconnecting client missed; it learns it only by re-reading the tick).
    /// </summary>
    public void ChangeTick(string tokenId, Price newTick, bool announce = true) => _venue.ChangeTick(tokenId, newTick, announce);

    /// <summary>
    /// Resolves a market (<paramref name="winningTokenId"/> wins; the YES token when null): its resting orders are
    /// cancelled, <c>market_resolved</c> is sent, <c>/markets</c> and Gamma list it closed and not accepting orders, and new
    /// orders there are refused (<c>No orderbook exists for the requested token id</c>).
    /// </summary>
    public void ResolveMarket(string conditionId, string? winningTokenId = null) => _venue.ResolveMarket(conditionId, winningTokenId);

    /// <summary>
    /// Answers every REST request (not the admin endpoints, not the WebSockets) with a Cloudflare-style HTTP 403 for
    /// <paramref name="duration"/> of emulator time (zero ends it).
    /// </summary>
    public void Forbid(TimeSpan duration) => _venue.ForbiddenUntil = duration > TimeSpan.Zero ? _venue.Time.GetUtcNow() + duration : null;

    /// <summary>Requests answered 403 by <see cref="Forbid"/> so far.</summary>
    public long ForbiddenAnswers => _venue.ForbiddenAnswers;

    /// <summary>Moves a trade to RETRYING then FAILED (balances are not reversed; see the docs).</summary>
    public void FailTrade(string tradeId) => _venue.FailTrade(tradeId);

    /// <summary>Adds pUSD to an API key's account.</summary>
    public void Fund(string apiKey, Money amount) => _venue.Fund(apiKey, amount);

    /// <summary>
    /// Merges complete sets of a key's account outside its orders, as the wallet's owner could on chain: the YES and NO
    /// tokens leave the account and their pUSD comes back, so the venue holds fewer tokens than an engine believes.
    /// False when the account holds too few sets.
    /// </summary>
    public bool MergeSets(string apiKey, string conditionId, Quantity amount) => _venue.MergeSets(apiKey, conditionId, amount);

    /// <summary>Sets a key's approvals (false = allowance 0): pUSD to the exchanges, and its conditional tokens.</summary>
    public void SetAllowances(string apiKey, bool collateral, bool tokens) => _venue.SetAllowances(apiKey, collateral, tokens);

    /// <summary>The <c>/balance-allowance/update</c> requests a key made, in order ("COLLATERAL" or "CONDITIONAL:&lt;token&gt;").</summary>
    public IReadOnlyList<string> BalanceUpdates(string apiKey) => _venue.BalanceUpdates(apiKey);

    /// <summary>Runs heartbeat deadlines, GTD expiry and trade settlement now (the timer does this every period too).</summary>
    public void ProcessDue() => _venue.ProcessDue();

    /// <summary>Stops the server, dropping sockets first so shutdown does not wait for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _venue.DropAllWebSockets();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _venue.Dispose();
        _stopping.Dispose();
    }
}
