using System.Diagnostics;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Time;
using Bookmaker.Testing;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// One engine session against the loopback emulator: a real <see cref="EngineHost"/> (order manager, risk gate,
/// kernel), built and started as production does (<see cref="EngineHost.Create"/>, <see cref="EngineHost.StartAsync"/>,
/// default options but the starting cash), whose only venue is a real <see cref="PolymarketVenueAdapter"/> talking
/// REST + both WebSockets to a real <see cref="PolymarketEmulatorHost"/> on 127.0.0.1. The adapter runs on the system
/// clock (its HTTP timeouts, pings and reconnect backoff need real time); the emulator and the engine each run on a
/// simulated clock that only the test thread moves (<see cref="Advance"/>), so heartbeat deadlines, restart windows,
/// rate-limit buckets and the engine's circuit are stepped deterministically. The test thread is the loop thread:
/// <see cref="UntilAsync"/> drains the loop whenever the adapter delivers something (the host's venue-sink tap,
/// <see cref="RecordingSink"/>, records it and wakes the pump) and waits (bounded) otherwise.
/// </summary>
internal sealed class EngineSession : IAsyncDisposable
{
    public const string KeyHex = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    private bool _ownsEmulator = true;

    private EngineSession(PolymarketEmulatorHost emulator, SimulatedTimeProvider venueClock, SimulatedTimeProvider engineClock,
        EmulatorCredentials credentials, PolymarketVenueAdapter adapter, EngineHost host, IJournal journal)
    {
        Emulator = emulator;
        VenueClock = venueClock;
        EngineClock = engineClock;
        Credentials = credentials;
        Adapter = adapter;
        Host = host;
        Journal = journal;
        Tap = (RecordingSink)host.Sink;
    }

    public PolymarketEmulatorHost Emulator { get; }
    public SimulatedTimeProvider VenueClock { get; }
    public SimulatedTimeProvider EngineClock { get; }
    public EmulatorCredentials Credentials { get; }
    public PolymarketVenueAdapter Adapter { get; }
    public EngineHost Host { get; }
    public IJournal Journal { get; }
    public RecordingSink Tap { get; }
    public Bookmaker.Engine.Kernel.TradingEngine Engine => Host.Engine;
    public Bookmaker.Engine.Orders.OrderManager Orders => Host.Engine.Orders;
    public EmulatedMarket Market => Emulator.Markets[0];
    public Instrument Yes => Adapter.Instruments[0];
    public Instrument No => Adapter.Instruments[1];

    public static async Task<EngineSession> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null, IJournal? journal = null,
        string keyHex = KeyHex, TimeSpan? heartbeatInterval = null, Func<PolymarketAdapterSettings, PolymarketAdapterSettings>? adapterSettings = null,
        PolymarketEmulatorHost? sharedEmulator = null, Action<EngineHost>? beforeVenues = null)
    {
        // A shared emulator (a restart against the same venue) keeps its clock; the engine's starts at the venue's now.
        var venueClock = sharedEmulator?.Time as SimulatedTimeProvider ?? new SimulatedTimeProvider(DateTimeOffset.UtcNow);
        var engineClock = new SimulatedTimeProvider(venueClock.GetUtcNow());
        var options = new EmulatorOptions { Time = venueClock };
        if (configure is not null) options = configure(options);
        var emulator = sharedEmulator ?? await PolymarketEmulatorHost.StartAsync(options);

        var signer = OwnedSigner.FromHex(keyHex);
        var credentials = emulator.CreateApiKey(signer.Address);
        var markets = emulator.Markets.Select(m => new PolymarketMarket(m.ConditionId, m.YesTokenId, m.NoTokenId, m.TickSize, m.NegRisk, m.MinOrderSize)).ToList();
        string ws = emulator.WsUrl.ToString().TrimEnd('/') + "/";
        var settings = new PolymarketAdapterSettings
        {
            Http = new PolymarketHttpSettings { ClobUrl = emulator.BaseUrl, GammaUrl = emulator.GammaUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(5) },
            MarketWsUrl = new Uri(ws + "market"),
            UserWsUrl = new Uri(ws + "user"),
            HeartbeatInterval = heartbeatInterval ?? TimeSpan.FromHours(1), // tests beat by hand (BeatAsync) when they need a session
            ModeProbeInterval = TimeSpan.FromMilliseconds(300),
        };
        if (adapterSettings is not null) settings = adapterSettings(settings);
        var adapter = new PolymarketVenueAdapter(settings, markets, signer, credentials.ToApiCredentials(), TimeProvider.System, new Random(11));
        journal ??= new NullJournal();
        var host = EngineHost.Create(engineClock, [adapter], journal, new EngineHostOptions
        {
            InitialCash = Money.FromUnits(10_000),
            VenueSinkTap = loop => new RecordingSink(loop), // records every event and wakes the pump
        });
        var session = new EngineSession(emulator, venueClock, engineClock, credentials, adapter, host, journal) { _ownsEmulator = sharedEmulator is null };
        beforeVenues?.Invoke(host); // e.g. a journal recovery, as live restores before the venues start
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StartAsync(cts.Token);
        // Tests reason about positions and cash relative to the venue's: start from a reconciled engine, as live does.
        await session.UntilAsync(() => host.Engine.Orders.SnapshotsReceived > 0, "first reconciliation");
        // Trades reach only authenticated user sockets: an order sent before the user channel is up would lose its fill
        // until the next reconciliation, which these tests do not wait for.
        await session.UntilAsync(() => emulator.AuthenticatedUserSockets > 0, "user channel authenticated");
        return session;
    }

    /// <summary>Moves both simulated clocks (venue and engine) forward together; timers due on the way fire here.</summary>
    public void Advance(TimeSpan delta)
    {
        VenueClock.Advance(delta);
        EngineClock.Advance(delta);
        Host.Loop.DrainPending();
    }

    /// <summary>Drains the loop until <paramref name="condition"/> holds; fails after <paramref name="timeoutMs"/> of wall time.</summary>
    public async Task UntilAsync(Func<bool> condition, string what, int timeoutMs = 20000)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            Host.Loop.DrainPending();
            if (condition()) return;
            if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"timed out waiting for: {what}. Events: {Tap.Describe()}");
            await Tap.WaitAsync(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Rests house liquidity 0.40 / 0.60 on the YES token and waits until the engine has a two-sided book (the gate needs a mark).</summary>
    public async Task SeedBookAsync(string bid = "0.40", string ask = "0.60", int size = 100)
    {
        Emulator.PlaceLiquidity(Market.YesTokenId, Side.Buy, Price.Parse(bid), Quantity.FromUnits(size));
        Emulator.PlaceLiquidity(Market.YesTokenId, Side.Sell, Price.Parse(ask), Quantity.FromUnits(size));
        await UntilAsync(() => Engine.Book(Yes) is { IsStale: false, HasBids: true, HasAsks: true } b && b.BestBid.Price == Price.Parse(bid) && b.BestAsk.Price == Price.Parse(ask),
            "two-sided YES book");
    }

    public OrderRequest Limit(Side side, string price, int size = 10, TimeInForce tif = TimeInForce.Gtc, Instrument? instrument = null) =>
        new(default, (instrument ?? Yes).Id, side, OrderType.Limit, tif, Price.Parse(price), Quantity.FromUnits(size));

    /// <summary>Submits through the order manager (risk gate included) and asserts the gate let it through.</summary>
    public ClientOrderId Submit(OrderRequest request)
    {
        var outcome = Orders.Submit(request);
        if (!outcome.Sent) throw new InvalidOperationException($"risk gate denied: {outcome.Decision}");
        return outcome.Id;
    }

    public Task WaitStatusAsync(ClientOrderId id, OrderStatus status, int timeoutMs = 20000) =>
        UntilAsync(() => Orders.Find(id)?.Status == status, $"{id} {status} (now {Orders.Find(id)?.Status})", timeoutMs);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Journal.DisposeAsync();
        if (_ownsEmulator) await Emulator.DisposeAsync();
        Tap.Dispose();
    }
}
