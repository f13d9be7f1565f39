using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Emulator;
using Bookmaker.Cli.Paper;

namespace Bookmaker.Cli.Load;

/// <summary>One symbol the load test quotes: the instrument, its mark (the gate's fat-finger reference) and a passive bid.</summary>
internal sealed record LoadSymbol(Instrument Instrument, Price Mark, Price Bid, Quantity Size);

/// <summary>
/// An in-process loopback emulator with the real execution client connected to it: the Polymarket adapter (signed
/// REST, user WebSocket) or the Bybit trading session (trade and private WebSockets). Only 127.0.0.1, port 0.
/// </summary>
internal sealed class LoadVenue : IAsyncDisposable
{
    private readonly Func<IVenueEventSink, Task> _start;
    private readonly Func<ValueTask> _dispose;

    private LoadVenue(string name, IReadOnlyList<Instrument> instruments, IReadOnlyList<LoadSymbol> symbols, IExecutionClient execution, Func<IVenueEventSink, Task> start, Func<ValueTask> dispose)
    {
        Name = name;
        Instruments = instruments;
        Symbols = symbols;
        Execution = execution;
        _start = start;
        _dispose = dispose;
    }

    /// <summary>The venue flag's value.</summary>
    public string Name { get; }

    /// <summary>Every instrument the client knows (for Polymarket both tokens of each market): the engine registers them all.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>The symbols quoted, one per market.</summary>
    public IReadOnlyList<LoadSymbol> Symbols { get; }

    /// <summary>The real execution client.</summary>
    public IExecutionClient Execution { get; }

    /// <summary>Connects the streams; events go to <paramref name="sink"/>.</summary>
    public Task StartAsync(IVenueEventSink sink) => _start(sink);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dispose();

    /// <summary>Starts the Polymarket emulator with <paramref name="symbols"/> markets and the real adapter against it.</summary>
    public static async Task<LoadVenue> PolymarketAsync(int symbols, int seed, CancellationToken ct)
    {
        var rng = new Random(seed);
        // No house flow: the load test's bids are passive and nothing should fill them; the books stay as we leave them.
        var markets = Enumerable.Range(1, symbols).Select(n => EmulatedMarket.Sample(n)).ToList();
        var emulator = await PolymarketEmulatorHost.StartAsync(new EmulatorOptions { Time = TimeProvider.System, Markets = markets, Port = 0 }, ct).ConfigureAwait(false);
        try
        {
            var signer = OwnedSigner.FromHex(PolymarketEmulatorVenue.NewKeyHex(rng));
            var credentials = emulator.CreateApiKey(signer.Address);
            var polymarkets = emulator.Markets.Select(m => new PolymarketMarket(m.ConditionId, m.YesTokenId, m.NoTokenId, m.TickSize, m.NegRisk, m.MinOrderSize)).ToList();
            var adapter = new PolymarketVenueAdapter(PolymarketEmulatorVenue.SettingsFor(emulator), polymarkets, signer, credentials.ToApiCredentials(), TimeProvider.System,
                new Random(rng.Next()));
            var yes = emulator.Markets.Select(m => m.YesTokenId).ToHashSet(StringComparer.Ordinal);
            var list = adapter.Instruments.Where(i => yes.Contains(i.Id.Symbol)).Select(i =>
                new LoadSymbol(i, Price.Parse("0.50"), Price.Parse("0.45"), Quantity.Max(i.MinSize, Quantity.FromUnits(5)))).ToList();
            if (list.Count != symbols) throw new InvalidOperationException($"loadtest: the adapter lists {list.Count} YES tokens for {symbols} markets");
            return new LoadVenue("polymarket-emulator", adapter.Instruments, list, adapter.Execution, 
                // Not the run's stop token: after Ctrl+C the streams must stay up to carry the last acks and cancels.
                sink => adapter.StartAsync(sink, CancellationToken.None), async () =>
            {
                await adapter.DisposeAsync().ConfigureAwait(false);
                signer.Dispose();
                await emulator.DisposeAsync().ConfigureAwait(false);
            });
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the Bybit emulator with <paramref name="symbols"/> linear symbols and the real trading session against it.</summary>
    public static async Task<LoadVenue> BybitAsync(int symbols, int seed, CancellationToken ct)
    {
        var defaults = new BybitEmulatorOptions().Symbols;
        // Beyond the emulator's two default symbols, made-up linear perpetuals around 100 USDT (5 USDT minimum notional).
        var served = defaults.Take(symbols).Concat(Enumerable.Range(defaults.Count + 1, Math.Max(0, symbols - defaults.Count)).Select(n =>
            new EmulatedSymbol(string.Create(CultureInfo.InvariantCulture, $"LOAD{n:00}USDT"), BybitCategory.Linear, Price.Parse("0.01"), Quantity.Parse("0.1"),
                Quantity.Parse("0.1"), Money.Parse("5"), Price.Parse("100")))).ToList();
        var options = new BybitEmulatorOptions { HouseFollowsTrades = false, OrderRateLimit = 1_000_000, Seed = seed, Symbols = served };
        var emulator = await BybitEmulatorHost.StartAsync(options, ct).ConfigureAwait(false);
        try
        {
            List<Instrument> instruments;
            using (var market = new BybitMarketRest(emulator.RestUrl, TimeSpan.FromSeconds(5)))
                instruments = [.. (await market.InstrumentsAsync(BybitCategory.Linear, ct).ConfigureAwait(false)).Instruments.Select(t => t.ToInstrument())];
            var trading = new BybitTradingOptions(emulator.RestUrl, emulator.PrivateWsUrl, emulator.TradeWsUrl, BybitCategory.Linear) { DcpWindowSeconds = 0 };
            var session = await BybitTradingSession.CreateAsync(trading, new BybitCredentials(options.ApiKey, options.ApiSecret), instruments, TimeProvider.System, null, ct)
                .ConfigureAwait(false);
            var list = served.Select(s =>
            {
                var inst = instruments.First(i => i.Id.Symbol == s.Symbol);
                // 5 % under the mid: inside the gate's 10 % fat-finger band, far from the synthetic book's touch.
                var bid = new Price(s.Mid.Raw / 100 * 95 / s.Tick.Raw * s.Tick.Raw);
                var size = s.MinQty;
                while (new Money(FixedPoint.MultiplyScaled(size.Raw, bid.Raw, MidpointRounding.AwayFromZero)) < s.MinNotional) size += s.QtyStep;
                return new LoadSymbol(inst, s.Mid, bid, size);
            }).ToList();
            return new LoadVenue("bybit-emulator", instruments, list, session.Client, sink => session.StartAsync(sink, TimeSpan.FromSeconds(10)), async () =>
            {
                await session.DisposeAsync().ConfigureAwait(false);
                await emulator.DisposeAsync().ConfigureAwait(false);
            });
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
