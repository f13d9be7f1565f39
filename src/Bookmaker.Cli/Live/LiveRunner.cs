using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Bookmaker.Cli.Paper;
using Bookmaker.Cli.Running;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Orders;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Cli.Live;

/// <summary>
/// A live session: the real Polymarket adapter (signing, L2 REST, both WebSockets, heartbeat dead-man switch) on the
/// system clock, behind the same <see cref="EngineHost"/>, risk gate, order manager and strategies as paper and
/// backtest. Stops gracefully on Ctrl+C, SIGTERM or <c>Live:Duration</c>: strategies stop, everything is cancelled and
/// the venue must confirm it, the journal is flushed, the summary printed. Exit code 1 when an order was left open.
/// </summary>
internal static class LiveRunner
{
    /// <summary>How long the graceful stop waits for the venue to confirm every cancel.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);

    /// <summary>How long each step of the self-test order (venue live, acknowledgement, cancel) may take.</summary>
    private static readonly TimeSpan SelfTestStepTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(BookmakerOptions options, EffectiveConfig effective, ISecp256k1Signer key, ApiCredentials credentials,
        IReadOnlyList<PolymarketMarket> markets, Money cash, CliContext context)
    {
        var live = options.Live;
        var clock = EngineClock.For(options.Engine);
        var wall = Stopwatch.StartNew();
        string journalPath = context.ResolvePath(live.JournalPath);
        await using var owned = OwnedJournal.Open("Live:JournalPath", "live", options, effective, context);
        if (owned is null) return ExitCodes.Usage;
        var journal = owned.Journal;
        // The order salt only has to be unique per order, so an unseeded generator is right here.
        var adapter = new PolymarketVenueAdapter(PolymarketAdapterSettings.From(options.Venue.Polymarket), markets, key, credentials, clock, new Random());
        await using var session = TradingSession.Open(context, options, effective, "live", "polymarket", journal, clock, [adapter], cash, 0, RecoveryScope.Full, context.Stop);
        var host = session.Host;
        if (!await session.StartControlPlaneAsync(effective, simulatedClock: false, context.Stop).ConfigureAwait(false)) return ExitCodes.Usage;
        // The same strategies, fee curves and reward terms as `paper --venue polymarket` on these markets.
        await using var composition = PaperComposition.ForLive(adapter, markets, cash);
        var scoring = ScoringWatch(adapter, markets, options, live.Strategies);
        // Alerts are raised on the loop; the lines are printed by the progress callback, off it.
        var alertLines = new ConcurrentQueue<string>();
        host.Engine.Alerts.Changed += a => alertLines.Enqueue(AlertLine(a));
        void AddStrategies()
        {
            composition.AddStrategies(host, options, live.Strategies);
            if (scoring is not null) host.AddStrategy(scoring);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(session.Signals.Token);
        string? selfTestFailure = null;
        if (live.SelfTestOrder)
        {
            // Before any strategy: one tiny order placed and cancelled through the gate; the strategies start when it passed.
            var first = adapter.Instruments.First(i => string.Equals(i.Id.Symbol, markets[0].YesTokenId, StringComparison.Ordinal));
            var band = Price.FromDecimal(options.Risk.FatFingerBandBps / 10_000m);
            host.AddStrategy(new SelfTestOrder(first, band, SelfTestStepTimeout, () =>
            {
                alertLines.Enqueue("wallet: self-test order placed and cancelled — ok");
                int firstSlot = host.Engine.Roster.Count;
                AddStrategies();
                host.Engine.ShowBooksTo(firstSlot); // a quiet market would otherwise wait for its next change

            }, line =>
            {
                Volatile.Write(ref selfTestFailure, line);
                // Off the loop: the stop runs the graceful shutdown (cancel everything, wait for the venue).
                _ = Task.Run(stop.Cancel, CancellationToken.None);
            }));
        }
        else
        {
            AddStrategies();
        }

        var until = live.Duration > TimeSpan.Zero ? clock.GetUtcNow() + live.Duration : DateTimeOffset.MaxValue;
        var lastLine = DateTimeOffset.MinValue;
        context.Stdout.WriteLine($"live: trading {markets.Count} market(s) with {string.Join(",", live.Strategies)}; journal {journalPath}; Ctrl+C stops (cancel all, then exit)");
        var outcome = await host.RunRealTimeAsync(until, () =>
        {
            while (alertLines.TryDequeue(out string? line)) context.Stdout.WriteLine(line);
            if (clock.GetUtcNow() - lastLine < TimeSpan.FromSeconds(5)) return;
            lastLine = clock.GetUtcNow();
            context.Stdout.WriteLine(StatusLine(host, session.Tracker, wall.Elapsed));
        }, TimeSpan.FromMilliseconds(250), ShutdownGrace, stop.Token).ConfigureAwait(false);

        var summary = session.Tracker.Summarize(options, wall.Elapsed, wall.Elapsed, journalPath);
        composition.Contribute(summary, host.Engine);
        if (scoring is not null)
        {
            summary.RewardScoringShare = scoring.Shares();
            summary.RewardScoringLine = scoring.SummaryLine();
        }

        summary.Mode = "live";
        int code = await session.FinishAsync(outcome, summary, live.SummaryJsonPath).ConfigureAwait(false);
        if (Volatile.Read(ref selfTestFailure) is not { } failure) return code;
        context.Stderr.WriteLine(failure);
        return code == ExitCodes.Ok ? ExitCodes.Failure : code;
    }

    /// <summary>
    /// The reward-scoring watch when the market maker trades at least one market with a reward programme and checks are
    /// on (<c>Venue:Polymarket:ScoringCheckInterval</c> &gt; 0); null otherwise.
    /// </summary>
    private static RewardScoringWatch? ScoringWatch(PolymarketVenueAdapter adapter, IReadOnlyList<PolymarketMarket> markets, BookmakerOptions options, IReadOnlyList<string> strategies)
    {
        var po = options.Venue.Polymarket;
        var rewardMarkets = markets.Where(m => m.Rewards is not null).Select(m => m.ConditionId).ToList();
        if (po.ScoringCheckInterval <= TimeSpan.Zero || rewardMarkets.Count == 0 || !strategies.Contains("mm")) return null;
        return new RewardScoringWatch(rewardMarkets, ids => adapter.CheckScoringAsync(ids), po.ScoringCheckInterval, po.ScoringAlertAfter);
    }

    /// <summary>One line per alert raised or cleared, so an operator sees a lost session or unscored quotes at once.</summary>
    private static string AlertLine(Engine.Alerts.Alert a) =>
        a.IsActive
            ? $"live: {a.Severity.ToString().ToUpperInvariant()} {a.Code}: {a.Message}"
            : $"live: cleared {a.Code}{(a.Key.Length > 0 ? " (" + a.Key + ")" : "")}";

    private static string StatusLine(EngineHost host, RunTracker tracker, TimeSpan elapsed)
    {
        var e = host.Engine;
        var s = e.Orders.Stats;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed:hh\\:mm\\:ss} live] state={e.DisplayState} open={e.Orders.LiveCount} submitted={s.Submitted} " +
            $"fills={s.Fills} volume={tracker.Volume.ToDecimal():0.00} cash={e.Portfolio.Cash.ToDecimal():0.00} pnl={e.Portfolio.NetPnl.ToDecimal():0.0000} " +
            $"daily={e.Gate.DailyPnl.ToDecimal():0.0000} alerts={e.Alerts.WarningCount}w/{e.Alerts.CriticalCount}c");
    }
}
