using System.Diagnostics;
using System.Globalization;
using Bookmaker.Cli.Paper;
using Bookmaker.Cli.Running;
using Bookmaker.Core.Fees;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Orders;
using Bookmaker.Venues.Bybit.Adapter;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;
using Bookmaker.Venues.Bybit.Ws;

namespace Bookmaker.Cli.Live;

/// <summary>
/// <c>live --venue bybit</c>: the Bybit adapter with its trading side (signed REST, the trade and private streams, DCP)
/// on the system clock, behind the same <see cref="EngineHost"/>, risk gate, order manager and strategies as paper. The
/// private and trade stream URLs sit beside the public one (<c>…/v5/public/</c> → <c>…/v5/private</c>, <c>…/v5/trade</c>).
/// Stops gracefully like the Polymarket session: strategies stop, everything is cancelled and confirmed, the journal is
/// flushed. The key and secret never reach the output, the logs or the journal: only the signer holds the secret.
/// </summary>
internal static class BybitLiveRunner
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BookmakerOptions options, EffectiveConfig effective, IReadOnlyList<string> symbols, BybitCredentials credentials, CliContext context)
    {
        var b = options.Venue.Bybit;
        var live = options.Live;
        var clock = EngineClock.For(options.Engine);
        var category = b.Category == "spot" ? BybitCategory.Spot : BybitCategory.Linear;
        BybitVenueAdapter? adapter = null;
        Core.Values.Money cash;
        try
        {
            adapter = await BybitVenueAdapter.CreateAsync(b.RestUrl, b.PublicWsUrl, category, symbols, new BybitStreamOptions { Depth = b.Depth }, clock, null, context.Stop)
                .ConfigureAwait(false);
            var trading = new BybitTradingOptions(b.RestUrl, new Uri(b.PublicWsUrl, "../private"), new Uri(b.PublicWsUrl, "../trade"), category);
            await adapter.AttachTradingAsync(trading, credentials, context.Stop).ConfigureAwait(false);
            cash = await adapter.Trading!.ReadCashAsync(context.Stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or HttpRequestException or TaskCanceledException or FormatException or BybitRequestException
            or KeyNotFoundException or InvalidOperationException or System.Text.Json.JsonException)
        {
            if (adapter is not null) await adapter.DisposeAsync().ConfigureAwait(false);
            // The venue's words and our own; never a header (the signature) or the secret, which no message carries.
            context.Stderr.WriteLine("live: " + (ex is ArgumentException or FormatException or BybitRequestException ? ex.Message : $"cannot reach Bybit at {b.RestUrl} ({ex.GetType().Name})"));
            return ExitCodes.Failure;
        }

        await using var owned = OwnedJournal.Open("Live:JournalPath", "live", options, effective, context);
        if (owned is null)
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var session0 = adapter.Trading!;
        context.Stdout.WriteLine($"live: checks passed (bybit {category.ToString().ToLowerInvariant()}, {symbols.Count} symbol(s), USDT {cash.ToDecimal().ToString("0.00", CultureInfo.InvariantCulture)}; {session0.DcpStatus})");
        var wall = Stopwatch.StartNew();
        string journalPath = context.ResolvePath(live.JournalPath);
        await using var session = TradingSession.Open(context, options, effective, "live", "bybit", owned.Journal, clock, [adapter], cash, 0, RecoveryScope.Full, context.Stop);
        var host = session.Host;
        await using var composition = PaperComposition.ForReplay(adapter, cash,
            id => session0.FeeRates.TryGetValue(id.Symbol, out var r) ? new BybitFeeModel(r.Taker, r.Maker) : new BybitFeeModel(b.TakerFee, b.MakerFee));
        composition.AddStrategies(host, options, live.Strategies);
        var until = live.Duration > TimeSpan.Zero ? clock.GetUtcNow() + live.Duration : DateTimeOffset.MaxValue;
        var lastLine = DateTimeOffset.MinValue;
        context.Stdout.WriteLine($"live: trading {string.Join(",", symbols)} on bybit with {string.Join(",", live.Strategies)}; journal {journalPath}; Ctrl+C stops (cancel all, then exit)");
        var outcome = await host.RunRealTimeAsync(until, () =>
        {
            if (clock.GetUtcNow() - lastLine < TimeSpan.FromSeconds(5)) return;
            lastLine = clock.GetUtcNow();
            var e = host.Engine;
            context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{wall.Elapsed:hh\\:mm\\:ss} live] state={e.DisplayState} open={e.Orders.LiveCount} submitted={e.Orders.Stats.Submitted} fills={e.Orders.Stats.Fills} pnl={e.Portfolio.NetPnl.ToDecimal():0.0000} funding={e.Portfolio.FundingPnl.ToDecimal():0.0000}"));
        }, TimeSpan.FromMilliseconds(250), ShutdownGrace, session.Signals.Token).ConfigureAwait(false);
        var summary = session.Tracker.Summarize(options, wall.Elapsed, wall.Elapsed, journalPath);
        composition.Contribute(summary, host.Engine);
        summary.Mode = "live";
        return await session.FinishAsync(outcome, summary, live.SummaryJsonPath).ConfigureAwait(false);
    }
}
