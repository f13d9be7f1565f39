using System.Collections.Concurrent;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Bybit.Ws;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>The loopback emulator and a trading session against it over real HTTP and WebSockets, with a sink that keeps everything.</summary>
internal sealed class TradingHarness : IAsyncDisposable
{
    private static ulong _nextId = 1000;

    private TradingHarness(BybitEmulatorHost emulator, BybitTradingSession session, ReportSink sink, List<Instrument> instruments, ListLogger log)
    {
        Emulator = emulator;
        Session = session;
        Sink = sink;
        Instruments = instruments;
        Log = log;
    }

    public BybitEmulatorHost Emulator { get; }

    public BybitTradingSession Session { get; }

    public BybitExecutionClient Client => Session.Client;

    public ReportSink Sink { get; }

    public List<Instrument> Instruments { get; }

    public ListLogger Log { get; }

    public InstrumentId Btc => Instruments[0].Id;

    public static BybitCredentials Credentials(BybitEmulatorOptions o) => new(o.ApiKey, o.ApiSecret);

    public static async Task<TradingHarness> StartAsync(BybitEmulatorOptions? emulatorOptions = null, Func<BybitTradingOptions, BybitTradingOptions>? tune = null,
        bool tradeSocket = true, BybitCredentials? credentials = null, BybitCategory category = BybitCategory.Linear)
    {
        // The synthetic prints stay off the trading side here: each test steers its own fills.
        var o = (emulatorOptions ?? new BybitEmulatorOptions()) with { HouseFollowsTrades = false };
        var emulator = await BybitEmulatorHost.StartAsync(o);
        List<Instrument> instruments;
        using (var market = new BybitMarketRest(emulator.RestUrl, TimeSpan.FromSeconds(5)))
            instruments = [.. (await market.InstrumentsAsync(category, CancellationToken.None)).Instruments.Select(t => t.ToInstrument())];
        var options = new BybitTradingOptions(emulator.RestUrl, emulator.PrivateWsUrl, tradeSocket ? emulator.TradeWsUrl : null, category)
        {
            DcpWindowSeconds = 3,
            Stream = new BybitStreamOptions { ReconnectInitial = TimeSpan.FromMilliseconds(100), ReconnectMax = TimeSpan.FromMilliseconds(300), ReconnectJitter = TimeSpan.FromMilliseconds(20) },
        };
        options = tune?.Invoke(options) ?? options;
        var log = new ListLogger();
        var session = await BybitTradingSession.CreateAsync(options, credentials ?? Credentials(o), instruments, TimeProvider.System, log, CancellationToken.None);
        var sink = new ReportSink();
        await session.StartAsync(sink, TimeSpan.FromSeconds(10));
        return new TradingHarness(emulator, session, sink, instruments, log);
    }

    public static OrderRequest Bid(InstrumentId instrument, string price, string size = "0.01", bool postOnly = true) =>
        new(new ClientOrderId(Interlocked.Increment(ref _nextId)), instrument, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.Parse(size), postOnly);

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

/// <summary>An engine sink that keeps every report, failure, status and snapshot.</summary>
internal sealed class ReportSink : IVenueEventSink
{
    public ConcurrentQueue<ExecutionReport> Reports { get; } = new();

    public ConcurrentQueue<VenueRequestFailed> Failures { get; } = new();

    public ConcurrentQueue<VenueStatusEvent> Statuses { get; } = new();

    public ConcurrentQueue<AccountSnapshot> Snapshots { get; } = new();

    public void OnMarketData(in MarketDataEvent e)
    {
    }

    public void OnExecutionReport(ExecutionReport report) => Reports.Enqueue(report);

    public void OnRequestFailed(VenueRequestFailed failure) => Failures.Enqueue(failure);

    public void OnVenueStatus(VenueStatusEvent status) => Statuses.Enqueue(status);

    public void OnAccountSnapshot(AccountSnapshot snapshot) => Snapshots.Enqueue(snapshot);

    public ConcurrentQueue<FundingPayment> Funding { get; } = new();

    public void OnFunding(FundingPayment payment) => Funding.Enqueue(payment);

    public ConcurrentQueue<VenueBalances> Balances { get; } = new();

    public void OnBalances(VenueBalances balances) => Balances.Enqueue(balances);

    public IEnumerable<ExecutionReport> Of(ClientOrderId id) => Reports.Where(r => r.OrderId == id);

    public Task<ExecutionReport> WaitAsync(ClientOrderId id, ExecutionReportKind kind, int seconds = 10) =>
        WaitForAsync(() => Of(id).FirstOrDefault(r => r.Kind == kind), $"{kind} for {id.Value}", seconds);

    public static async Task<T> WaitForAsync<T>(Func<T?> probe, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(10);
        }
    }
}

/// <summary>A logger that keeps every line (formatted, with exceptions) for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
