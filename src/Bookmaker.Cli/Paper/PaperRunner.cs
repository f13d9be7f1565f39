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
using Bookmaker.Cli.Running;
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
        await using var owned = OwnedJournal.Open("Paper:JournalPath", "paper", options, effective, context);
        if (owned is null) return ExitCodes.Usage;
        var journal = owned.Journal;

        var (created, error) = await PaperComposition.CreateAsync(options, clock, cancellation).ConfigureAwait(false);
        if (created is null)
        {
            context.Stderr.WriteLine(error);
            return ExitCodes.Failure;
        }

        await using var composition = created;
        await using var session = TradingSession.Open(context, options, effective, "paper", options.Venue.Name.ToString().ToLowerInvariant(), journal,
            clock, composition.Venues, composition.InitialCash, p.Seed, RecoveryScope.RiskOnly, cancellation);
        var host = session.Host;
        if (!await session.StartControlPlaneAsync(effective, simulatedClock: true, cancellation).ConfigureAwait(false)) return ExitCodes.Usage;
        composition.AddStrategies(host, options);
        await host.StartAsync(session.Signals.Token).ConfigureAwait(false);

        var end = p.Duration > TimeSpan.Zero ? SimulationStart + p.Duration : DateTimeOffset.MaxValue.AddYears(-1);
        double? speed = p.Speed.IsMax ? null : (double)p.Speed.Factor;
        var view = new PaperView(host.Engine, composition, session.Tracker, context, clock);
        if (view.Interactive)
        {
            await AnsiConsole.Live(view.Render()).AutoClear(false).StartAsync(async live =>
            {
                await host.RunSimulatedAsync(clock, end, speed, () =>
                {
                    live.UpdateTarget(view.Render());
                    return true;
                }, TimeSpan.FromMilliseconds(250), session.Signals.Token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            await host.RunSimulatedAsync(clock, end, speed, () =>
            {
                view.MaybeWriteLine();
                return true;
            }, TimeSpan.FromMilliseconds(250), session.Signals.Token).ConfigureAwait(false);
        }

        // Graceful stop (also after a fault: the engine has halted): strategies stop, everything is cancelled and the
        // venue must confirm it.
        host.StopSimulated(clock, TimeSpan.FromSeconds(60));
        var outcome = host.Outcome(session.Signals.Token.IsCancellationRequested);
        var summary = session.Tracker.Summarize(options, clock.GetUtcNow() - SimulationStart, wall.Elapsed, journalPath);
        composition.Contribute(summary, host.Engine);
        summary.Simulation = composition.SimulationLabel ?? SyntheticLabel;
        return await session.FinishAsync(outcome, summary, p.SummaryJsonPath).ConfigureAwait(false);
    }

    /// <summary>
    /// What a run on an uncalibrated synthetic flow (<c>--scenario stress</c>, the loopback emulators) says of itself: its fills are known to be generous
    /// (issue 15: far more uninformed flow than recorded markets show, makers quoting around the true value), so its
    /// P&amp;L tests the machinery and says nothing about a strategy's edge.
    /// </summary>
    internal const string SyntheticLabel = "synthetic flow (uncalibrated, generous by design): a test of the machinery, not a forecast of P&L";

    /// <summary>
    /// Venues on real sockets, which need the system clock, so the run is live-paced, not simulated:
    /// <c>paper --venue polymarket-emulator</c> (the real Polymarket adapter — signing, REST, WebSockets — against the
    /// loopback emulator) and <c>paper --venue polymarket</c> (real market data, simulated fills).
    /// </summary>
    private static async Task<int> RunRealTimeAsync(BookmakerOptions options, EffectiveConfig effective, CliContext context, CancellationToken cancellation)
    {
        var p = options.Paper;
        var wall = Stopwatch.StartNew();
        var clock = EngineClock.For(options.Engine);
        string journalPath = context.ResolvePath(p.JournalPath);
        await using var owned = OwnedJournal.Open("Paper:JournalPath", "paper", options, effective, context);
        if (owned is null) return ExitCodes.Usage;
        var journal = owned.Journal;

        var (created, error) = await PaperComposition.CreateAsync(options, clock, cancellation).ConfigureAwait(false);
        if (created is null)
        {
            context.Stderr.WriteLine(error);
            return ExitCodes.Failure;
        }

        await using var composition = created;
        string mode = options.Venue.Name switch
        {
            VenueKind.PolymarketEmulator => "polymarket-emulator",
            VenueKind.Bybit => "bybit-paper",
            VenueKind.BybitEmulator => "bybit-emulator",
            _ => "polymarket-paper",
        };
        await using var session = TradingSession.Open(context, options, effective, "paper", mode, journal, clock, composition.Venues, composition.InitialCash, p.Seed, RecoveryScope.RiskOnly, cancellation);
        var host = session.Host;
        if (!await session.StartControlPlaneAsync(effective, simulatedClock: false, cancellation).ConfigureAwait(false)) return ExitCodes.Usage;
        composition.AddStrategies(host, options);
        var view = new PaperView(host.Engine, composition, session.Tracker, context, null);
        var until = p.Duration > TimeSpan.Zero ? clock.GetUtcNow() + p.Duration : DateTimeOffset.MaxValue;
        var outcome = await host.RunRealTimeAsync(until, view.MaybeWriteLine, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(15), session.Signals.Token).ConfigureAwait(false);
        var summary = session.Tracker.Summarize(options, wall.Elapsed, wall.Elapsed, journalPath);
        composition.Contribute(summary, host.Engine);
        return await session.FinishAsync(outcome, summary, p.SummaryJsonPath).ConfigureAwait(false);
    }

    /// <summary>The engine options every mode shares: risk limits, opening cash, kill-switch file, session epoch.</summary>
    internal static EngineHostOptions HostOptions(BookmakerOptions options, CliContext context, Money openingCash, uint epoch) => new()
    {
        Risk = RiskLimitsFromConfig.Map(options.Risk),
        InitialCash = openingCash,
        KillSwitchFile = context.ResolvePath(options.Risk.KillSwitchFile),
        Epoch = epoch,
        StallTimeout = options.Engine.StallTimeout,
        MaxClockJump = options.Engine.MaxClockJump,
        StartupReconcileTimeout = options.Engine.StartupReconcileTimeout,
        Drill = options.Engine.DrillSpec,
        Watch = Engine.Alerts.OperationalWatchOptions.From(options.Alerts),
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

    private (Money Realized, Money Unrealized, Money Fees, Money Rebates, Money Funding, Money Net) _start;

    /// <summary>
    /// Marks the start of this run's P&amp;L: after a restart the portfolio holds what earlier runs journaled, and the
    /// summary reports what this run made.
    /// </summary>
    public void MarkStart()
    {
        var pf = _engine.Portfolio;
        _start = (pf.RealizedPnl, pf.UnrealizedPnl, pf.FeesPaid, pf.RebatesEarned, pf.FundingPnl, pf.NetPnl);
    }

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
            RealizedPnl = (pf.RealizedPnl - _start.Realized).ToDecimal(),
            UnrealizedPnl = (pf.UnrealizedPnl - _start.Unrealized).ToDecimal(),
            Fees = (pf.FeesPaid - _start.Fees).ToDecimal(),
            Rebates = (pf.RebatesEarned - _start.Rebates).ToDecimal(),
            Funding = (pf.FundingPnl - _start.Funding).ToDecimal(),
            NetPnl = (pf.NetPnl - _start.Net).ToDecimal(),
            Equity = pf.Equity.ToDecimal(),
            MaxAbsInventory = new Quantity(_maxAbsInventoryRaw).ToDecimal(),
            MeanAbsInventory = _inventorySamples == 0 ? 0 : Math.Round(_absInventorySum / _inventorySamples, 4),
            AlertsWarning = e.Alerts.WarningCount,
            AlertsCritical = e.Alerts.CriticalCount,
            OpenOrdersAtExit = e.Orders.LiveCount,
            PositionMismatchesAtExit = e.Orders.PositionMismatchesAtExit,
            OrdersAcceptedWhileHalted = stats.AcceptedWhileHalted + stats.SubmittedWhileHalted,
            TradingStateAtExit = e.Gate.State.ToString().ToUpperInvariant(),
            Journal = journal,
        };
        foreach (var (k, v) in stats.DeniedByReason) s.OrdersDenied[k] = v;
        return s;
    }
}
