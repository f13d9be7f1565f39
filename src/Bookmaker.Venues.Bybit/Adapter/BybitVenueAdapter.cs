using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Bybit.Ws;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Bybit.Adapter;

/// <summary>
/// The Bybit v5 venue adapter: the instruments come from <c>instruments-info</c> (a symbol that is unknown, refused or
/// not trading is an error naming it, never a guess), the books and prints from the public WebSocket
/// (<see cref="BybitPublicFeed"/>). Without a trading session (<see cref="AttachTradingAsync"/>) <see cref="Execution"/>
/// refuses every call and the adapter is used wrapped by the paper venue (real data, simulated fills); with one, orders
/// go to the venue through <see cref="BybitExecutionClient"/> and fills come from the private stream.
/// </summary>
public sealed class BybitVenueAdapter : IVenueAdapter
{
    private readonly Uri _publicWs;
    private readonly BybitStreamOptions _stream;
    private readonly TimeProvider _time;
    private readonly ILogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private BybitPublicFeed? _feed;
    private Task _run = Task.CompletedTask;
    private Dictionary<string, (Core.Values.Price Buy, Core.Values.Price Sell)> _startBands = [];

    private BybitVenueAdapter(IReadOnlyList<Instrument> instruments, Uri publicWs, BybitStreamOptions stream, TimeProvider time, ILogger? log, BybitServerClock clock)
    {
        Instruments = instruments;
        _publicWs = publicWs;
        _stream = stream;
        _time = time;
        _log = log;
        ServerClock = clock;
    }

    /// <inheritdoc />
    public string Venue => VenueNames.Bybit;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <inheritdoc />
    public IMarketDataClient MarketData { get; } = new SubscribedAtStart();

    /// <inheritdoc />
    public IExecutionClient Execution => (IExecutionClient?)Trading?.Client ?? NoTrading;

    /// <summary>The trading session once attached (null: market data only).</summary>
    public BybitTradingSession? Trading { get; private set; }

    private static readonly NoExecution NoTrading = new();

    /// <summary>The server-clock estimate (synced at creation).</summary>
    public BybitServerClock ServerClock { get; }

    /// <summary>The public feed once started (counters for status and tests).</summary>
    public BybitPublicFeed? Feed => _feed;

    /// <summary>
    /// Reads the server time and the category's instruments, checks every symbol of <paramref name="symbols"/>, and
    /// builds the adapter (not yet connected). Throws <see cref="ArgumentException"/> naming a symbol it cannot trade.
    /// </summary>
    public static async Task<BybitVenueAdapter> CreateAsync(Uri restUrl, Uri publicWsBase, BybitCategory category, IReadOnlyList<string> symbols,
        BybitStreamOptions stream, TimeProvider time, ILogger? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count == 0) throw new ArgumentException("no Bybit symbol to follow (Venue:Bybit:Markets)");
        var clock = new BybitServerClock(time);
        List<BybitInstrumentTerms> listed;
        Dictionary<string, string> refused;
        Dictionary<string, (Core.Values.Price, Core.Values.Price)> bands;
        using (var rest = new BybitMarketRest(restUrl, TimeSpan.FromSeconds(10)))
        {
            await rest.SyncTimeAsync(clock, ct).ConfigureAwait(false);
            (listed, refused) = await rest.InstrumentsAsync(category, ct).ConfigureAwait(false);
            bands = await ReadBandsAsync(rest, category, symbols.Where(x => listed.Any(i => i.Symbol == x)).ToList(), log, ct).ConfigureAwait(false);
        }

        var bySymbol = listed.ToDictionary(i => i.Symbol, StringComparer.Ordinal);
        var instruments = new List<Instrument>();
        foreach (string symbol in symbols)
        {
            if (refused.TryGetValue(symbol, out string? why)) throw new ArgumentException($"Venue:Bybit:Markets: {symbol}'s terms cannot be read exactly ({why})");
            if (!bySymbol.TryGetValue(symbol, out var terms)) throw new ArgumentException($"Venue:Bybit:Markets: {symbol} is not a {category.ToString().ToLowerInvariant()} instrument on Bybit");
            if (!terms.IsTrading) throw new ArgumentException($"Venue:Bybit:Markets: {symbol} is {terms.Status}, not Trading");
            instruments.Add(terms.ToInstrument());
        }

        stream.Validate();
        var url = new Uri(publicWsBase, category == BybitCategory.Spot ? "spot" : "linear");
        return new BybitVenueAdapter(instruments, url, stream, time, log, clock) { _startBands = bands };
    }

    // The band at start, so the gate judges the first quotes before the topic's first push; a symbol the venue gives no
    // band for is logged and left unchecked until the topic brings one (the venue stays the judge meanwhile).
    private static async Task<Dictionary<string, (Core.Values.Price, Core.Values.Price)>> ReadBandsAsync(BybitMarketRest rest, BybitCategory category,
        List<string> symbols, ILogger? log, CancellationToken ct)
    {
        var bands = new Dictionary<string, (Core.Values.Price, Core.Values.Price)>(StringComparer.Ordinal);
        foreach (string symbol in symbols)
        {
            (Core.Values.Price, Core.Values.Price)? band;
            try
            {
                band = await rest.PriceLimitAsync(category, symbol, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
            {
                band = null;
            }

            if (band is { } known) bands[symbol] = known;
            else log?.LogWarning("bybit: no price band for {Symbol} from /v5/market/price-limit; the gate checks none until the priceLimit topic sends one", symbol);
        }

        return bands;
    }

    /// <summary>
    /// Adds trading: signed REST, the private and trade streams, fee rates and DCP (see <see cref="BybitTradingSession"/>).
    /// Call before <see cref="StartAsync"/>; the key and secret stay inside the signer.
    /// </summary>
    public async Task AttachTradingAsync(BybitTradingOptions options, Auth.BybitCredentials credentials, CancellationToken ct)
    {
        if (Trading is not null) throw new InvalidOperationException("trading is already attached");
        Trading = await BybitTradingSession.CreateAsync(options, credentials, Instruments, _time, _log, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        StartFeed(sink);
        if (Trading is not null) await Trading.StartAsync(sink, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    private void StartFeed(IVenueEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        // Events carry the engine's instrument index, known once the engine has registered the instruments.
        var slots = Instruments.Select(i => i.Index >= 0 ? (i.Id.Symbol, i.Index)
            : throw new InvalidOperationException($"register {i.Id} in the engine's instrument registry before starting the adapter")).ToList();
        long now = _time.GetUtcNow().UtcTicks;
        foreach (var i in Instruments)
        {
            if (!_startBands.TryGetValue(i.Id.Symbol, out var band)) continue;
            sink.OnMarketData(new MarketDataEvent(MarketDataKind.PriceBand, i.Index, Core.Values.Side.Buy, band.Buy, default, 0, 0, now, now, false));
            sink.OnMarketData(new MarketDataEvent(MarketDataKind.PriceBand, i.Index, Core.Values.Side.Sell, band.Sell, default, 0, 0, now, now, true));
        }

        var feed = new BybitPublicFeed(_publicWs, slots, _stream, _time, _log);
        _feed = feed;
        _run = Task.Run(() => RunFeedAsync(feed, sink), CancellationToken.None);
    }

    // The feed handles every network failure itself; anything else escaping it is our own bug. A task that faulted
    // unobserved would leave books that never update behind a venue that still looks connected, so the engine is told
    // the venue is gone (its books stale, nothing quoted on them) and the failure is logged.
    private async Task RunFeedAsync(BybitPublicFeed feed, IVenueEventSink sink)
    {
        try
        {
            await feed.RunAsync(sink, _stop.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the failure, the engine must hear that this venue's data stopped.
        catch (Exception ex) when (!_stop.IsCancellationRequested)
#pragma warning restore CA1031
        {
            _log?.LogCritical(ex, "bybit public feed failed; market data stopped");
            foreach (var i in Instruments)
                sink.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, i.Index, Core.Values.Side.Buy, default, default, 0, 0, _time.GetUtcNow().UtcTicks, _time.GetUtcNow().UtcTicks));
            sink.OnVenueStatus(new VenueStatusEvent(Venue, VenueState.Disconnected, _time.GetUtcNow(), Text: "bybit public feed failed: " + ex.Message));
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (Trading is not null) await Trading.DisposeAsync().ConfigureAwait(false);
        _feed?.Dispose();
        _stop.Dispose();
    }

    /// <summary>The feed subscribes every configured symbol when it connects; later calls have nothing to add.</summary>
    private sealed class SubscribedAtStart : IMarketDataClient
    {
        public void Subscribe(IReadOnlyList<Instrument> instruments)
        {
        }
    }

    /// <summary>Trading on Bybit is not built yet: every call is refused loudly rather than dropped.</summary>
    private sealed class NoExecution : IExecutionClient
    {
        private const string Why = "Bybit trading is not built yet: the adapter carries market data only (use it through paper)";

        public int MaxBatchSize => 1;

        public bool AnswersAccountSnapshots => false;

        public void Submit(OrderRequest request) => throw new NotSupportedException(Why);

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests) => throw new NotSupportedException(Why);

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => throw new NotSupportedException(Why);

        public void CancelAll() => throw new NotSupportedException(Why);

        public void CancelMarket(string marketId) => throw new NotSupportedException(Why);

        public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => throw new NotSupportedException(Why);
    }
}
