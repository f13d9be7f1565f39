using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker bybit round-trip --orders N</c>: a bounded measurement of the order round trip over the trade WebSocket
/// against an in-process loopback emulator — N post-only creates, one at a time; for each, the time from
/// <see cref="IExecutionClient.Submit"/> to the trade stream's ack and to the engine's Accepted report (the private
/// stream's <c>order</c> message). Prints p50 / p99 / max in µs as one JSON line. Loopback only; nothing leaves the machine.
/// </summary>
internal static class BybitRoundTrip
{
    public static async Task<string> RunAsync(int orders, int warmup, CancellationToken ct)
    {
        var options = new BybitEmulatorOptions { HouseFollowsTrades = false, OrderRateLimit = 1_000_000 };
        await using var emulator = await BybitEmulatorHost.StartAsync(options, ct).ConfigureAwait(false);
        List<Instrument> instruments;
        using (var market = new BybitMarketRest(emulator.RestUrl, TimeSpan.FromSeconds(5)))
            instruments = [.. (await market.InstrumentsAsync(BybitCategory.Linear, ct).ConfigureAwait(false)).Instruments.Select(t => t.ToInstrument())];
        var trading = new BybitTradingOptions(emulator.RestUrl, emulator.PrivateWsUrl, emulator.TradeWsUrl, BybitCategory.Linear) { DcpWindowSeconds = 0 };
        await using var session = await BybitTradingSession.CreateAsync(trading, new BybitCredentials(options.ApiKey, options.ApiSecret), instruments, TimeProvider.System, null, ct)
            .ConfigureAwait(false);
        var sink = new AcceptedSink();
        await session.StartAsync(sink, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var btc = instruments.First(i => i.Id.Symbol == "BTCUSDT").Id;
        var toAck = new List<double>(orders);
        var toAccepted = new List<double>(orders);
        ulong next = 1;
        for (int n = 0; n < warmup + orders; n++)
        {
            ct.ThrowIfCancellationRequested();
            // Bids spread below the mid inside the band; cancelled in bulk now and then so the book stays small.
            var price = Price.Parse((55_000 + (n % 4_000)).ToString(CultureInfo.InvariantCulture));
            var request = new OrderRequest(new ClientOrderId(next++), btc, Side.Buy, OrderType.Limit, TimeInForce.Gtc, price, Quantity.Parse("0.001"), PostOnly: true);
            var accepted = sink.Expect(request.Id);
            long start = Stopwatch.GetTimestamp();
            var ack = await session.Client.Transport.SendAsync("create", BybitOrderJson.Create(BybitCategory.Linear, request), ct).ConfigureAwait(false);
            long acked = Stopwatch.GetTimestamp();
            if (ack.RetCode != 0) throw new InvalidOperationException($"round-trip: create refused, retCode {ack.RetCode} ({ack.RetMsg})");
            await accepted.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            long done = Stopwatch.GetTimestamp();
            if (n >= warmup)
            {
                toAck.Add(Stopwatch.GetElapsedTime(start, acked).TotalMicroseconds);
                toAccepted.Add(Stopwatch.GetElapsedTime(start, done).TotalMicroseconds);
            }

            if (n % 200 == 199) await session.Client.CancelAllFromAnyThread().ConfigureAwait(false);
        }

        await session.Client.CancelAllFromAnyThread().ConfigureAwait(false);
        string road = session.Client.Transport.SentOverSocket > 0 && session.Client.Transport.SentOverRest == 0 ? "trade-websocket" : "mixed";
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"orders\":{orders},\"warmup\":{warmup},\"road\":\"{road}\",\"ack_p50_us\":{P(toAck, 0.50):0},\"ack_p99_us\":{P(toAck, 0.99):0},\"ack_max_us\":{toAck.Max():0}," +
            $"\"accepted_p50_us\":{P(toAccepted, 0.50):0},\"accepted_p99_us\":{P(toAccepted, 0.99):0},\"accepted_max_us\":{toAccepted.Max():0}}}");
    }

    // Nearest-rank percentile.
    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        int rank = Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1);
        return sorted[rank];
    }

    /// <summary>Completes one task per order when its Accepted report arrives.</summary>
    private sealed class AcceptedSink : IVenueEventSink
    {
        private readonly ConcurrentDictionary<ulong, TaskCompletionSource> _waiting = new();

        public Task Expect(ClientOrderId id)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id.Value] = tcs;
            return tcs.Task;
        }

        public void OnExecutionReport(ExecutionReport report)
        {
            if (report.Kind == ExecutionReportKind.Accepted && _waiting.TryRemove(report.OrderId.Value, out var tcs)) tcs.TrySetResult();
        }

        public void OnMarketData(in MarketDataEvent e)
        {
        }

        public void OnRequestFailed(VenueRequestFailed failure)
        {
        }

        public void OnVenueStatus(VenueStatusEvent status)
        {
        }

        public void OnAccountSnapshot(AccountSnapshot snapshot)
        {
        }
    }
}
