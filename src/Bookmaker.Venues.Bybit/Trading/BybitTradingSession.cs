using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.UserStream;
using Bookmaker.Venues.Bybit.Ws;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>Where and how the trading side connects.</summary>
/// <param name="RestUrl">REST base.</param>
/// <param name="PrivateWsUrl">The private stream (<c>/v5/private</c>).</param>
/// <param name="TradeWsUrl">The trade stream (<c>/v5/trade</c>); null sends orders over REST only.</param>
/// <param name="Category">Linear or spot.</param>
public sealed record BybitTradingOptions(Uri RestUrl, Uri PrivateWsUrl, Uri? TradeWsUrl, BybitCategory Category)
{
    /// <summary>REST timeout: past it a create's fate is unknown and it is reconciled by orderLinkId.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a trade-stream ack may take before its request's fate is unknown.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>DCP window in seconds (3..300) set at start; 0 leaves DCP alone.</summary>
    public int DcpWindowSeconds { get; init; } = 10;

    /// <summary>Connection behaviour of the private and trade streams.</summary>
    public BybitStreamOptions Stream { get; init; } = new();
}

/// <summary>
/// The trading side of the adapter, assembled: signed REST, the server clock, the private stream (the fill source of
/// truth), the trade stream (the default road for orders), the execution client, and the account's set-up read at
/// start — fee rates from <c>/v5/account/fee-rate</c> and DCP set with its product explicit and read back with
/// <c>query-dcp-info</c>; an account without DCP is a WARNING, and the engine's stall watchdog is then the only
/// dead-man switch.
/// </summary>
public sealed class BybitTradingSession : IAsyncDisposable
{
    private readonly BybitTradingOptions _options;
    private readonly ILogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly AccountReads _reads;

    private BybitTradingSession(BybitTradingOptions options, BybitPrivateRest rest, BybitPrivateFeed feed, BybitTradeSocket? trade, BybitExecutionClient client,
        ExecutionTranslator translator, IReadOnlyDictionary<string, (decimal Taker, decimal Maker)> fees, string dcp, bool dcpOn, ILogger? log, AccountReads reads)
    {
        _reads = reads;
        _options = options;
        Rest = rest;
        PrivateFeed = feed;
        TradeSocket = trade;
        Client = client;
        Translator = translator;
        FeeRates = fees;
        DcpStatus = dcp;
        DcpActive = dcpOn;
        _log = log;
    }

    /// <summary>Signed REST.</summary>
    public BybitPrivateRest Rest { get; }

    /// <summary>The private stream.</summary>
    public BybitPrivateFeed PrivateFeed { get; }

    /// <summary>The trade stream (null: REST only).</summary>
    public BybitTradeSocket? TradeSocket { get; }

    /// <summary>The execution client the engine drives.</summary>
    public BybitExecutionClient Client { get; }

    /// <summary>Order and execution messages to reports.</summary>
    public ExecutionTranslator Translator { get; }

    /// <summary>Fee rates per symbol read at start (a negative maker rate is a rebate).</summary>
    public IReadOnlyDictionary<string, (decimal Taker, decimal Maker)> FeeRates { get; }

    /// <summary>What DCP is on this account, in words (for the start-up line).</summary>
    public string DcpStatus { get; }

    /// <summary>True when the venue confirmed DCP for the product.</summary>
    public bool DcpActive { get; }

    /// <summary>The account's USDT wallet balance (the opening cash of a live session).</summary>
    public Task<Core.Values.Money> ReadCashAsync(CancellationToken ct) => _reads.CashAsync(ct);

    /// <summary>Syncs the clock, reads fee rates, sets and reads back DCP; nothing is connected yet.</summary>
    public static async Task<BybitTradingSession> CreateAsync(BybitTradingOptions options, BybitCredentials credentials, IReadOnlyList<Instrument> instruments,
        TimeProvider time, ILogger? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instruments);
        var clock = new BybitServerClock(time);
        var rest = new BybitPrivateRest(options.RestUrl, credentials, clock, options.RequestTimeout);
        try
        {
            await rest.SyncClockAsync(ct).ConfigureAwait(false);
            var symbols = instruments.ToDictionary(i => i.Id.Symbol, i => i.Id, StringComparer.Ordinal);
            var reads = new AccountReads(rest, options.Category, symbols);
            var fees = await reads.FeeRatesAsync(ct).ConfigureAwait(false);
            foreach (var (symbol, (taker, maker)) in fees)
                log?.LogInformation("bybit fee rates {Symbol}: taker {Taker}, maker {Maker}{Rebate}", symbol, taker, maker, maker < 0 ? " (a rebate)" : "");
            var (dcp, dcpOn) = await SetDcpAsync(rest, options, log, ct).ConfigureAwait(false);
            var translator = new ExecutionTranslator(symbols, time);
            var trade = options.TradeWsUrl is null ? null : new BybitTradeSocket(options.TradeWsUrl, rest.Signer, clock, rest.Limits, options.Stream);
            var transport = new OrderTransport(rest, trade, options.AckTimeout);
            var client = new BybitExecutionClient(options.Category, transport, reads, translator, time, log);
            var positions = new PositionRiskTranslator(instruments, time);
            var feed = new BybitPrivateFeed(options.PrivateWsUrl, rest.Signer, clock, translator, options.Stream, log)
            {
                Positions = positions,
                Wallet = new WalletTranslator(time),
                ExtraTopics = dcpOn ? [options.Category == BybitCategory.Spot ? "dcp.spot" : "dcp.future"] : [],
            };
            return new BybitTradingSession(options, rest, feed, trade, client, translator, fees, dcp, dcpOn, log, reads);
        }
        catch
        {
            rest.Dispose();
            throw;
        }
    }

    /// <summary>Connects the streams and starts reporting to <paramref name="sink"/>; returns once both are up (or the timeout passed).</summary>
    public async Task StartAsync(IVenueEventSink sink, TimeSpan connectTimeout)
    {
        Translator.Sink = sink;
        if (PrivateFeed.Positions is { } positions) positions.Sink = sink;
        if (PrivateFeed.Wallet is { } wallet) wallet.Sink = sink;
        Client.Sink = sink;
        PrivateFeed.Disconnected += text => sink.OnVenueStatus(new VenueStatusEvent(VenueNames.Bybit, VenueState.SessionLost, DateTimeOffset.UtcNow, Text: text));
        PrivateFeed.Reconnected += Client.CatchUpAsync;
        _loops.Add(Task.Run(() => PrivateFeed.RunAsync(_stop.Token), CancellationToken.None));
        if (TradeSocket is not null) _loops.Add(Task.Run(() => TradeSocket.RunAsync(_stop.Token), CancellationToken.None));
        var ready = TradeSocket is null ? PrivateFeed.FirstConnection : Task.WhenAll(PrivateFeed.FirstConnection, TradeSocket.FirstConnection);
        try
        {
            await ready.WaitAsync(connectTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log?.LogWarning("bybit private/trade streams not up within {Seconds} s; they keep retrying (orders fall back to REST)", connectTimeout.TotalSeconds);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Stop();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
            await Client.DrainAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        PrivateFeed.Dispose();
        TradeSocket?.Dispose();
        Client.Dispose();
        Rest.Dispose();
        _stop.Dispose();
    }

    private static async Task<(string Status, bool On)> SetDcpAsync(BybitPrivateRest rest, BybitTradingOptions options, ILogger? log, CancellationToken ct)
    {
        if (options.DcpWindowSeconds == 0) return ("not set (Venue:Bybit:DcpWindowSeconds = 0)", false);
        // product is always explicit: left out, the venue sets the OPTIONS product and perpetuals stay unprotected.
        string product = options.Category == BybitCategory.Spot ? "SPOT" : "DERIVATIVES";
        string window = options.DcpWindowSeconds.ToString(CultureInfo.InvariantCulture);
        var set = await rest.PostAsync("/v5/order/disconnected-cancel-all", $"{{\"product\":\"{product}\",\"timeWindow\":{window}}}", ct).ConfigureAwait(false);
        string? on = null;
        if (set.RetCode == 0)
        {
            var info = await rest.GetAsync("/v5/account/query-dcp-info", "", ct).ConfigureAwait(false);
            if (info.RetCode == 0 && info.Result.TryGetProperty("dcpInfos", out var list))
                on = list.EnumerateArray().Where(d => PrivateFields.Str(d, "product") == product && PrivateFields.Str(d, "dcpStatus") == "ON").Select(d => PrivateFields.Str(d, "timeWindow")).FirstOrDefault();
        }

        if (on is not null) return ($"DCP on for {product}, window {on} s", true);
        string why = set.RetCode != 0 ? $"retCode {set.RetCode}: {set.RetMsg}" : "query-dcp-info does not list it";
        log?.LogWarning("WARNING: Bybit DCP (disconnect cancel-all) is not active for {Product} on this account ({Why}); if this process loses the venue, its orders stay on the book — the engine's stall watchdog is the only dead-man switch", product, why);
        return ($"WARNING: no DCP for {product} ({why})", false);
    }
}
