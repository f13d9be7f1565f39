using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Storage.Journal;
using Spectre.Console;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// Runs <c>bookmaker paper</c>: the embedded simulated venue (or the Polymarket emulator), the chosen strategies, a
/// SQLite journal, a live terminal view (plain periodic lines when stdout is not a terminal), graceful stop on Ctrl+C or
/// at <c>--duration</c> of simulated time: cancel all, flush the journal, print the summary.
/// </summary>
internal static class PaperRunner
{
    /// <summary>Simulated start time: fixed, so a seed alone decides the run.</summary>
    public static readonly DateTimeOffset SimulationStart = new(2026, 1, 5, 14, 0, 0, TimeSpan.Zero);

    public static int Run(BookmakerOptions options, EffectiveConfig effective, CliContext context, CancellationToken cancellation)
    {
        return RunAsync(options, effective, context, cancellation).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(BookmakerOptions options, EffectiveConfig effective, CliContext context, CancellationToken cancellation)
    {
        if (PaperComposition.IsRealTime(options.Venue.Name)) return await RunRealTimeAsync(options, effective, context, cancellation).ConfigureAwait(false);
        var p = options.Paper;
        var wall = Stopwatch.StartNew();
        var clock = new SimulatedTimeProvider(SimulationStart);
        string journalPath = context.ResolvePath(p.JournalPath);
        var prepared = JournalFiles.Prepare(journalPath, "Paper:JournalPath", "paper", options, effective, context);
        if (prepared.Journal is null)
        {
            context.Stderr.WriteLine(prepared.Error);
            return ExitCodes.Usage;
        }

        await using var journal = prepared.Journal;
        uint epoch = journal.NextEpoch;

        var (created, error) = await PaperComposition.CreateAsync(options, clock, cancellation).ConfigureAwait(false);
        if (created is null)
        {
            context.Stderr.WriteLine(error);
            return ExitCodes.Failure;
        }

        await using var composition = created;
        string configHash = ConfigHash(effective);
        journal.StartSession(configHash, p.Seed, options.Venue.Name.ToString().ToLowerInvariant(), clock.GetUtcNow().UtcTicks);

        var host = EngineHost.Create(clock, composition.Venues, journal, HostOptions(options, context, composition.InitialCash, epoch));
        await using var hostScope = host;
        var tracker = new RunTracker(host.Engine);
        composition.AddStrategies(host, options);
        await host.StartAsync(cancellation).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var end = p.Duration > TimeSpan.Zero ? SimulationStart + p.Duration : DateTimeOffset.MaxValue.AddYears(-1);
            double? speed = p.Speed.IsMax ? null : (double)p.Speed.Factor;
            var view = new PaperView(host.Engine, composition, tracker, context, clock);
            if (view.Interactive)
            {
                await AnsiConsole.Live(view.Render()).AutoClear(false).StartAsync(async live =>
                {
                    await host.RunSimulatedAsync(clock, end, speed, () =>
                    {
                        live.UpdateTarget(view.Render());
                        return true;
                    }, TimeSpan.FromMilliseconds(250), stop.Token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                await host.RunSimulatedAsync(clock, end, speed, () =>
                {
                    view.MaybeWriteLine();
                    return true;
                }, TimeSpan.FromMilliseconds(250), stop.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        // Graceful stop: strategies stop, everything is cancelled and the venue must confirm it.
        host.StopSimulated(clock, TimeSpan.FromSeconds(60));
        journal.Append(new JournalEntry(clock.GetUtcNow().UtcTicks, JournalKind.SessionStopped, 0, null, "{}"));
        await journal.FlushAsync(CancellationToken.None).ConfigureAwait(false);

        var summary = tracker.Summarize(options, clock.GetUtcNow() - SimulationStart, wall.Elapsed, journalPath);
        composition.Contribute(summary, host.Engine);
        context.Stdout.WriteLine(summary.ToText());
        if (p.SummaryJsonPath is { Length: > 0 } jsonPath)
        {
            string full = context.ResolvePath(jsonPath);
            string? dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(full, summary.ToJson(), CancellationToken.None).ConfigureAwait(false);
        }

        bool invariantsHold = summary.OpenOrdersAtExit == 0 && summary.OrdersAcceptedWhileHalted == 0 && summary.UnhedgedLegsAtExit == 0;
        if (!invariantsHold) context.Stderr.WriteLine("paper: an exit invariant was broken (see the summary)");
        return invariantsHold ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>
    /// Venues on real sockets, which need the system clock, so the run is live-paced, not simulated:
    /// <c>paper --venue polymarket-emulator</c> (the real Polymarket adapter — signing, REST, WebSockets — against the
    /// loopback emulator) and <c>paper --venue polymarket</c> (real market data, simulated fills).
    /// </summary>
    private static async Task<int> RunRealTimeAsync(BookmakerOptions options, EffectiveConfig effective, CliContext context, CancellationToken cancellation)
    {
        var p = options.Paper;
        var wall = Stopwatch.StartNew();
        var clock = TimeProvider.System;
        string journalPath = context.ResolvePath(p.JournalPath);
        var prepared = JournalFiles.Prepare(journalPath, "Paper:JournalPath", "paper", options, effective, context);
        if (prepared.Journal is null)
        {
            context.Stderr.WriteLine(prepared.Error);
            return ExitCodes.Usage;
        }

        await using var journal = prepared.Journal;
        uint epoch = journal.NextEpoch;

        var (created, error) = await PaperComposition.CreateAsync(options, clock, cancellation).ConfigureAwait(false);
        if (created is null)
        {
            context.Stderr.WriteLine(error);
            return ExitCodes.Failure;
        }

        await using var composition = created;
        string session = options.Venue.Name == VenueKind.PolymarketEmulator ? "polymarket-emulator" : "polymarket-paper";
        journal.StartSession(ConfigHash(effective), p.Seed, session, clock.GetUtcNow().UtcTicks);
        var host = EngineHost.Create(clock, composition.Venues, journal, HostOptions(options, context, composition.InitialCash, epoch));
        await using var hostScope = host;
        var tracker = new RunTracker(host.Engine);
        composition.AddStrategies(host, options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var view = new PaperView(host.Engine, composition, tracker, context, null);
            var until = p.Duration > TimeSpan.Zero ? clock.GetUtcNow() + p.Duration : DateTimeOffset.MaxValue;
            await host.RunRealTimeAsync(until, view.MaybeWriteLine, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(15), stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        journal.Append(new JournalEntry(clock.GetUtcNow().UtcTicks, JournalKind.SessionStopped, 0, null, "{}"));
        await journal.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        var summary = tracker.Summarize(options, wall.Elapsed, wall.Elapsed, journalPath);
        composition.Contribute(summary, host.Engine);
        context.Stdout.WriteLine(summary.ToText());
        if (p.SummaryJsonPath is { Length: > 0 } jsonPath) await File.WriteAllTextAsync(context.ResolvePath(jsonPath), summary.ToJson(), CancellationToken.None).ConfigureAwait(false);
        return summary.OpenOrdersAtExit == 0 && summary.OrdersAcceptedWhileHalted == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>The engine options every mode shares: risk limits, opening cash, kill-switch file, session epoch.</summary>
    internal static EngineHostOptions HostOptions(BookmakerOptions options, CliContext context, Money openingCash, uint epoch) => new()
    {
        Risk = RiskLimitsFromConfig.Map(options.Risk),
        InitialCash = openingCash,
        KillSwitchFile = context.ResolvePath(options.Risk.KillSwitchFile),
        Epoch = epoch,
    };

    /// <summary>
    /// SHA-256 of the effective configuration that decides the run (secrets masked; output paths excluded, so the same
    /// run written to two journals hashes the same), journaled with the session.
    /// </summary>
    internal static string ConfigHash(EffectiveConfig effective)
    {
        var sb = new StringBuilder();
        foreach (var e in effective.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (e.Key is "Paper:JournalPath" or "Paper:SummaryJsonPath") continue;
            sb.Append(e.Key).Append('=').Append(e.DisplayValue).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
    }
}

/// <summary>
/// Counts what the summary needs while the run goes (fills, volume, inventory extremes). Inventory is the unhedged net
/// delta of the market a fill touched: YES − NO (complete sets net out), less the complete baskets of its neg-risk
/// event (one YES of every outcome pays exactly $1), so hedged arbitrage holdings do not read as inventory.
/// </summary>
internal sealed class RunTracker
{
    private readonly Engine.Kernel.TradingEngine _engine;
    private readonly Dictionary<string, string[]> _eventMarkets = new(StringComparer.Ordinal);
    private long _volumeRaw;
    private long _maxAbsInventoryRaw;
    private decimal _absInventorySum;
    private long _inventorySamples;

    public RunTracker(Engine.Kernel.TradingEngine engine)
    {
        _engine = engine;
        foreach (var group in engine.Instruments.All.Where(i => i.Outcome is { IsYes: true, NegRiskEventId: not null })
                     .GroupBy(i => i.Outcome!.NegRiskEventId!, StringComparer.Ordinal))
        {
            var markets = group.Select(i => i.Outcome!.MarketId).Distinct(StringComparer.Ordinal).ToArray();
            if (markets.Length >= 3) _eventMarkets[group.Key] = markets;
        }

        engine.Orders.FillApplied += (_, fill) =>
        {
            _volumeRaw += fill.Notional.Raw;
            var inst = engine.Instruments.Get(fill.Instrument);
            long q = inst.Outcome is { } links
                ? engine.Portfolio.NetDelta(links.MarketId).Raw - HeldBaskets(links.NegRiskEventId)
                : engine.Portfolio.QuantityOf(fill.Instrument).Raw;
            long abs = Math.Abs(q);
            if (abs > _maxAbsInventoryRaw) _maxAbsInventoryRaw = abs;
            _absInventorySum += new Quantity(abs).ToDecimal();
            _inventorySamples++;
        };
    }

    public Money Volume => new(_volumeRaw);

    private long HeldBaskets(string? eventId) =>
        eventId is not null && _eventMarkets.TryGetValue(eventId, out var markets) ? _engine.Portfolio.CompleteBaskets(markets).Raw : 0;

    public PaperSummary Summarize(BookmakerOptions options, TimeSpan sim, TimeSpan wall, string journal)
    {
        var e = _engine;
        var stats = e.Orders.Stats;
        var pf = e.Portfolio;
        var s = new PaperSummary
        {
            Seed = options.Paper.Seed,
            Markets = options.Paper.Markets,
            SimSeconds = Math.Round(sim.TotalSeconds, 3),
            WallSeconds = Math.Round(wall.TotalSeconds, 3),
            SimWallRatio = wall.TotalSeconds > 0 ? Math.Round(sim.TotalSeconds / wall.TotalSeconds, 1) : 0,
            EventsProcessed = e.Loop.ProcessedCount,
            PeakMemoryMb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            OrdersSubmitted = stats.Submitted,
            OrdersCancelled = stats.Cancelled,
            OrdersRejected = stats.Rejected,
            Fills = stats.Fills,
            Volume = Volume.ToDecimal(),
            RealizedPnl = pf.RealizedPnl.ToDecimal(),
            UnrealizedPnl = pf.UnrealizedPnl.ToDecimal(),
            Fees = pf.FeesPaid.ToDecimal(),
            Rebates = pf.RebatesEarned.ToDecimal(),
            NetPnl = pf.NetPnl.ToDecimal(),
            Equity = pf.Equity.ToDecimal(),
            MaxAbsInventory = new Quantity(_maxAbsInventoryRaw).ToDecimal(),
            MeanAbsInventory = _inventorySamples == 0 ? 0 : Math.Round(_absInventorySum / _inventorySamples, 4),
            AlertsWarning = e.Alerts.WarningCount,
            AlertsCritical = e.Alerts.CriticalCount,
            OpenOrdersAtExit = e.Orders.LiveCount,
            OrdersAcceptedWhileHalted = stats.AcceptedWhileHalted + stats.SubmittedWhileHalted,
            TradingStateAtExit = e.Gate.State.ToString().ToUpperInvariant(),
            Journal = journal,
        };
        foreach (var (k, v) in stats.DeniedByReason) s.OrdersDenied[k] = v;
        return s;
    }
}
