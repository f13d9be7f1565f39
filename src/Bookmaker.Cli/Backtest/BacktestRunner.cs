using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Backtest.Metrics;
using Bookmaker.Backtest.Output;
using Bookmaker.Backtest.Sources;
using Bookmaker.Cli.Paper;
using Bookmaker.Cli.Running;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.QueueModels;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Cli.Backtest;

/// <summary>
/// Runs <c>bookmaker backtest</c>: resolves the inputs (files, formats, instruments), replays them through
/// <see cref="Engine.Hosting.EngineHost"/> on a simulated clock that starts at the first message — the same session,
/// journal, strategies and graceful stop as <c>paper</c> — and writes <c>result.json</c>, <c>report.html</c> and
/// <c>journal.db</c>. Ctrl+C stops the replay where it is; the outputs are still written.
/// </summary>
internal static class BacktestRunner
{
    /// <summary>Opening cash of the replay account.</summary>
    public static readonly Money InitialCash = Money.FromUnits(10_000);

    public static int Run(BacktestRequest request, BookmakerOptions options, EffectiveConfig effective, CliContext context, CancellationToken cancellation) =>
        RunAsync(request, options, effective, context, cancellation).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(BacktestRequest request, BookmakerOptions options, EffectiveConfig effective, CliContext context, CancellationToken cancellation)
    {
        if (await ReplayAsync(request, options, effective, context, cancellation).ConfigureAwait(false) is not { } replayed) return ExitCodes.Usage;
        var doc = replayed.Document;
        if (request.Realism && !replayed.Interrupted)
            doc["realism"] = await RealismRunner.RunAsync(request, options, effective, context, replayed, cancellation).ConfigureAwait(false);
        await WriteAsync(doc, replayed.OutDir).ConfigureAwait(false);
        var run = replayed.Run;
        double seconds = replayed.WallSeconds;
        // Wall-clock figures vary run to run, so they live beside result.json (which is byte-identical), not in it.
        await File.WriteAllTextAsync(Path.Combine(replayed.OutDir, "timing.json"), string.Create(CultureInfo.InvariantCulture,
            $"{{\"wall_seconds\":{seconds:0.###},\"events\":{run.Events},\"events_per_second\":{(seconds > 0 ? run.Events / seconds : 0):0},\"messages_per_second\":{(seconds > 0 ? run.Messages / seconds : 0):0}}}\n"), CancellationToken.None).ConfigureAwait(false);
        var stats = doc["statistics"]!;
        string band = doc["realism"] is { } r
            ? $" (realism band {r["net_pnl"]!["min"]!.ToJsonString()} … {r["net_pnl"]!["max"]!.ToJsonString()} over {r["variants_run"]!.ToJsonString()} fill models; fills {r["fills"]!["min"]!.ToJsonString()} … {r["fills"]!["max"]!.ToJsonString()})"
            : "";
        string rewards = stats["rewards"] is { } r2 ? $", estimated rewards {r2.ToJsonString()}" : "";
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backtest: {run.Messages} messages, {run.Events} events in {seconds:0.00} s ({(seconds > 0 ? run.Events / seconds : 0):0} events/s); net P&L {stats["net_pnl"]!.ToJsonString()}{rewards}, fills {stats["fills"]!.ToJsonString()}{band}, data problems {run.Problems.Total}"));
        string outDir = replayed.OutDir;
        context.Stdout.WriteLine($"backtest: wrote {Path.Combine(outDir, "result.json")}, {Path.Combine(outDir, "report.html")}, {replayed.JournalPath}");
        return replayed.Code;
    }

    /// <summary>Writes <c>result.json</c> and <c>report.html</c> of <paramref name="doc"/> into <paramref name="outDir"/>.</summary>
    internal static async Task WriteAsync(System.Text.Json.Nodes.JsonObject doc, string outDir)
    {
        await File.WriteAllBytesAsync(Path.Combine(outDir, "result.json"), ResultDocument.ToBytes(doc), CancellationToken.None).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.html"), ReportPage.Render(doc), Encoding.UTF8, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// One replay of <paramref name="request"/> into its <c>--out</c> (journal written, result document built but not
    /// written); null after a usage error (already printed).
    /// </summary>
    internal static async Task<Replayed?> ReplayAsync(BacktestRequest request, BookmakerOptions options, EffectiveConfig effective, CliContext context, CancellationToken cancellation)
    {
        var wall = Stopwatch.StartNew();
        var problems = new DataProblems();
        if (Prepare(request, context, problems, options.Backtest) is not { } prepared) return null;
        var (plan, files, queueModel, latency, strategies, fromTicks, toSpec, read) = prepared;

        // The clock starts at the first replayed message, so journal times are the recording's times.
        using var messages = new PeekedMessages(plan.Messages);
        if (!messages.TryPeek(out var first))
        {
            context.Stderr.WriteLine("backtest: the data holds no replayable message");
            return null;
        }

        long startTicks = Math.Max(first.TimeTicks, fromTicks);
        long toTicks = toSpec(startTicks);
        if (toTicks < startTicks)
        {
            context.Stderr.WriteLine($"backtest: --to {request.To} is before the start of the data ({new DateTimeOffset(startTicks, TimeSpan.Zero):O})");
            return null;
        }

        string outDir = context.ResolvePath(request.Out);
        Directory.CreateDirectory(outDir);
        string journalPath = Path.Combine(outDir, "journal.db");
        // A backtest starts from nothing: an earlier run's journal in the same directory is replaced, not recovered.
        foreach (string suffix in new[] { "", "-wal", "-shm" }) File.Delete(journalPath + suffix);
        var preparedJournal = JournalFiles.Prepare(journalPath, "--out", "backtest", options, effective, context);
        if (preparedJournal.Journal is null)
        {
            context.Stderr.WriteLine(preparedJournal.Error);
            return null;
        }
        await using var owned = new OwnedJournal(preparedJournal.Journal);
        var clock = new SimulatedTimeProvider(new DateTimeOffset(startTicks, TimeSpan.Zero));
        long seed = options.Paper.Seed;
        var venueOptions = new ReplayVenueOptions
        {
            Speed = 1,
            QueueModel = queueModel,
            Latency = latency.Profile,
            Seed = unchecked((int)(seed ^ (seed >> 32))),
            StartingCash = InitialCash,
            FeesOf = i => plan.FeesOf(i.Id),
        };
        var venue = new ReplayVenue(clock, plan.Instruments, TimeMerge.Window(messages, fromTicks, toTicks), venueOptions);
        // The market maker gets the reward terms as in paper and live (rewards-aware tightening, sizes raised to the
        // minimum); without terms nothing is handed over and the run is the same as before, to the byte.
        var quotedRewards = plan.Rewards.ToDictionary(kv => kv.Key, kv => new Strategies.MarketMaking.RewardParameters(kv.Value.MaxSpreadCents, kv.Value.MinSize));
        await using var composition = PaperComposition.ForReplay(venue, InitialCash, plan.FeesOf, quotedRewards);
        await using var session = TradingSession.Open(context, options, effective, "backtest", plan.Venue + "-replay", owned.Journal, clock,
            composition.Venues, InitialCash, seed, RecoveryScope.RiskOnly, cancellation);
        var host = session.Host;
        var recorder = new BacktestRecorder();
        host.AddStrategy(recorder);
        // Only a run with reward terms samples them: a run without keeps the same events as before, to the count.
        var rewards = plan.Rewards.Count > 0 ? new BacktestRewardSampler(plan.Rewards) : null;
        if (rewards is not null) host.AddStrategy(rewards);
        composition.AddStrategies(host, options, strategies);
        await host.StartAsync(session.Signals.Token).ConfigureAwait(false);

        // The replay ends one simulated second after its last message (the last deliveries and answers land), decided
        // on the simulated clock so the end is the same every run.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(session.Signals.Token);
        using var tail = new TailTimer(clock, stop);
        venue.Completed += tail.Arm;
        // How far through: by simulated time when the end is known (--to, or a Polymarket plan's last message), else by
        // the streamed files' bytes read.
        long? endTicks = toTicks != long.MaxValue ? Math.Min(toTicks, plan.LastTimeTicks ?? long.MaxValue) : plan.LastTimeTicks;
        Func<double?> fraction = endTicks is { } e && e > startTicks
            ? () => Math.Clamp((clock.GetUtcNow().UtcTicks - startTicks) / (double)(e - startTicks), 0, 1)
            : () => read.Fraction;
        var progress = new BacktestProgress(context.Stdout, BacktestProgress.IsTerminal(context.Stdout), host.Engine, venue, clock, fraction);
        await host.RunSimulatedAsync(clock, DateTimeOffset.MaxValue.AddYears(-1), null, progress.Tick, progress.Interval, stop.Token).ConfigureAwait(false);
        // The bar ends full only when the replay ran out of messages (not on Ctrl+C or a fail-closed stop).
        progress.Finish(completed: venue.Finished);
        host.StopSimulated(clock, TimeSpan.FromSeconds(60));
        recorder.Finish();
        bool interrupted = session.Signals.Token.IsCancellationRequested;
        var outcome = host.Outcome(interrupted);
        var end = clock.GetUtcNow();
        var summary = session.Tracker.Summarize(options, end - new DateTimeOffset(startTicks, TimeSpan.Zero), wall.Elapsed, journalPath);
        composition.Contribute(summary, host.Engine);
        int code = await session.FinishAsync(outcome, summary, null).ConfigureAwait(false);

        var run = new BacktestRun
        {
            CodeVersion = Commands.VersionCommand.InformationalVersion,
            ConfigHash = PaperRunner.ConfigHash(effective),
            Config = effective.Entries.Where(e => e.Key is not ("Paper:JournalPath" or "Paper:SummaryJsonPath"))
                .OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, e.DisplayValue)).ToList(),
            Seed = seed,
            Venue = plan.Venue,
            Strategies = strategies,
            QueueModel = queueModel,
            Latency = latency.Text,
            Files = files,
            Start = new DateTimeOffset(startTicks, TimeSpan.Zero),
            End = end,
            Messages = venue.MessagesReplayed,
            Events = host.Engine.Loop.ProcessedCount,
            ExitReason = summary.ExitReason ?? "completed",
            InitialCash = InitialCash.ToDecimal(),
            Problems = problems,
        };
        var orders = new BacktestOrders(summary.OrdersSubmitted, summary.OrdersCancelled, summary.OrdersRejected, summary.OrdersDenied.Values.Sum(),
            summary.OpenOrdersAtExit, summary.OrdersAcceptedWhileHalted, summary.UnhedgedLegsAtExit, summary.TradingStateAtExit ?? "");
        var doc = ResultDocument.Build(run, recorder, orders, host.Engine.Alerts.History, rewards?.Markets, composition.ArbitrageReport);
        return new Replayed(code, doc, run, outDir, journalPath, interrupted, wall.Elapsed.TotalSeconds);
    }

    /// <summary>What one replay left: exit code, the result document, where it wrote, whether it was stopped early.</summary>
    internal sealed record Replayed(int Code, System.Text.Json.Nodes.JsonObject Document, BacktestRun Run, string OutDir, string JournalPath, bool Interrupted, double WallSeconds);

    private sealed record Prepared(ReplayPlan Plan, IReadOnlyList<DataFile> Files, string QueueModel, (LatencyProfile Profile, string Text) Latency,
        IReadOnlyList<string> Strategies, long FromTicks, Func<long, long> To, ReadProgress Read);

    // Every usage error is one line naming the flag, file or symbol; null means exit 2.
    private static Prepared? Prepare(BacktestRequest request, CliContext context, DataProblems problems, BacktestOptions configured)
    {
        DataFormat? forced = request.Format.ToLowerInvariant() switch
        {
            "auto" => null,
            "polymarket" => DataFormat.PolymarketArray,
            "binance" => DataFormat.Binance,
            "bybit" => DataFormat.Bybit,
            _ => DataFormat.Unknown,
        };
        if (forced == DataFormat.Unknown) return Fail(context, $"backtest: --format '{request.Format}' is not one of auto, polymarket, binance, bybit");
        if (!QueueModelSpec.TryParse(request.QueueModel, out _, out string? queueError)) return Fail(context, $"backtest: --queue-model '{request.QueueModel}': {queueError}");
        var latency = (LatencyProfile.Zero, "none");
        if (request.Latency is { Length: > 0 } latencySpec)
        {
            if (!LatencyProfile.TryParse(latencySpec, out var profile, out string? latencyError)) return Fail(context, $"backtest: --latency '{latencySpec}': {latencyError}");
            latency = (profile, latencySpec);
        }

        var strategies = request.Strategies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (strategies.FirstOrDefault(s => s is not ("mm" or "arb")) is { } unknown) return Fail(context, $"backtest: --strategies names '{unknown}'; the strategies are mm and arb");
        long from = long.MinValue;
        if (request.From is { Length: > 0 } f)
        {
            if (ParseTime(f) is not { } t) return Fail(context, $"backtest: --from '{f}' is not a time (ISO 8601 UTC such as 2024-08-08T23:55:00Z, or Unix seconds)");
            from = t;
        }

        Func<long, long> to = _ => long.MaxValue;
        if (request.To is { Length: > 0 } toText)
        {
            if (toText.StartsWith('+') && DurationParser.TryParse(toText[1..], out var span)) to = start => start + span.Ticks;
            else if (ParseTime(toText) is { } t) to = _ => t;
            else return Fail(context, $"backtest: --to '{toText}' is not a time (ISO 8601 UTC, Unix seconds, or +duration such as +60s)");
        }

        var (paths, missing) = DataPaths.Expand(request.Data, context.WorkingDirectory ?? Directory.GetCurrentDirectory());
        if (missing.Count > 0) return Fail(context, $"backtest: --data {string.Join(", ", missing.Select(m => $"'{m}'"))}: no such file or directory");
        if (paths.Count == 0) return Fail(context, "backtest: --data names no file");
        var specs = new List<InstrumentSpec>();
        try
        {
            if (request.Catalog is { Length: > 0 } catalog)
            {
                string path = context.ResolvePath(catalog);
                if (!File.Exists(path)) return Fail(context, $"backtest: --instruments '{catalog}': no such file");
                specs.AddRange(InstrumentSpec.ReadCatalog(path));
            }

            // --instrument is more specific than the catalog: it replaces the catalog's entry of the same symbol.
            foreach (string text in request.Instruments)
            {
                var spec = InstrumentSpec.Parse(text);
                specs.RemoveAll(s => string.Equals(s.Symbol, spec.Symbol, StringComparison.OrdinalIgnoreCase));
                specs.Add(spec);
            }
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return Fail(context, $"backtest: --instrument/--instruments: {e.Message}");
        }

        var files = paths.Select(p => Describe(p, forced)).ToList();
        var read = new ReadProgress(files.Where(f => f.Format != DataFormat.Unknown).Sum(f => f.Bytes));
        try
        {
            var fromConfig = configured.Rewards.ToDictionary(kv => kv.Key, kv => new RewardTerms(kv.Value.MaxSpread, kv.Value.MinSize, kv.Value.DailyRate), StringComparer.Ordinal);
            var plan = ReplayPlan.Build(files, specs, problems, read, fromConfig);
            return new Prepared(plan, files, request.QueueModel, latency, strategies, from, to, read);
        }
        catch (BacktestInputException e)
        {
            return Fail(context, e.Message);
        }
    }

    // --format polymarket covers both Polymarket layouts: the array and the recorder's lines.
    private static DataFile Describe(string path, DataFormat? forced)
    {
        var file = DataFile.Describe(path, null);
        if (forced is not { } f || file.Format == f) return file;
        if (f == DataFormat.PolymarketArray && file.Format == DataFormat.PolymarketRecorder) return file;
        return file with { Format = f };
    }

    private static long? ParseTime(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long unix)) return DateTime.UnixEpoch.Ticks + unix * TimeSpan.TicksPerSecond;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t.UtcTicks : null;
    }

    private static Prepared? Fail(CliContext context, string line)
    {
        context.Stderr.WriteLine(line);
        return null;
    }
}
