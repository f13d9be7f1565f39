using System.CommandLine;
using System.Runtime.InteropServices;
using Bookmaker.Cli.Load;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker loadtest --venue polymarket-emulator|bybit-emulator</c>: the SLA load test of issue 17 (the seed's
/// RISK-010) — the real adapter over loopback sockets against an in-process emulator, orders through the risk gate at a
/// steady rate; prints round-trip percentiles, errors by kind, success rate, CPU, peak RSS and GC pauses.
/// </summary>
internal static class LoadtestCommand
{
    private static readonly string[] Venues = ["polymarket-emulator", "bybit-emulator"];
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    public static Command Create(CliContext context)
    {
        var command = new Command("loadtest",
            "Load-test the real adapter against a loopback emulator: passive orders through the risk gate at a steady rate; reports p50/p95/p99 round trip, "
            + "errors by kind, success rate, CPU, peak RSS and GC pauses. Exit 0 when p95 < 340 ms and success >= 99 %, else 1.");
        var venue = new Option<string>("--venue") { Description = "polymarket-emulator or bybit-emulator.", Required = true, HelpName = "venue" };
        var symbols = new Option<int>("--symbols") { Description = "Symbols (markets) quoted, 1..100.", DefaultValueFactory = _ => 10 };
        var rate = new Option<int>("--orders-per-minute") { Description = "Orders per minute across all symbols, 1..60000.", DefaultValueFactory = _ => 100 };
        var duration = new Option<string>("--duration") { Description = "How long the schedule runs (e.g. 5m, 1h; at most 24h).", DefaultValueFactory = _ => "1h", HelpName = "time" };
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file.", HelpName = "file" };
        var seed = new Option<int>("--seed") { Description = "Seed of the schedule (symbol and price level of each order) and of the emulator.", DefaultValueFactory = _ => 1 };
        foreach (var o in new Option[] { venue, symbols, rate, duration, json, seed }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string v = parse.GetValue(venue)!, d = parse.GetValue(duration)!;
            int n = parse.GetValue(symbols), r = parse.GetValue(rate);
            bool parsed = DurationParser.TryParse(d, out var run);
            string? error =
                !Venues.Contains(v, StringComparer.Ordinal) ? $"--venue = '{v}': must be one of {string.Join(", ", Venues)}"
                : n is < 1 or > 100 ? $"--symbols = '{n}': must be 1..100"
                : r is < 1 or > 60_000 ? $"--orders-per-minute = '{r}': must be 1..60000"
                : !parsed || run <= TimeSpan.Zero || run > MaxDuration ? $"--duration = '{d}': must be a duration > 0 and <= 24h, e.g. 5m"
                : null;
            if (error is not null)
            {
                context.Stderr.WriteLine("usage error: " + error);
                return ExitCodes.Usage;
            }

            var plan = new LoadPlan(n, r, run, parse.GetValue(seed));
            return RunAsync(context, v, plan, parse.GetValue(json)).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string venueName, LoadPlan plan, string? jsonPath)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Stop);
        // Ctrl+C or SIGTERM ends the schedule early; the report is still printed (marked interrupted).
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, s => { s.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => { s.Cancel = true; stop.Cancel(); });
        var figures = new LoadFigures { Venue = venueName, Symbols = plan.Symbols, OrdersPerMinute = plan.OrdersPerMinute, PlannedDuration = plan.Duration, Seed = plan.Seed };
        context.Stdout.WriteLine($"loadtest: starting the {venueName} on 127.0.0.1 with {plan.Symbols} symbols");
        LoadVenue venue;
        try
        {
            venue = venueName == "bybit-emulator"
                ? await LoadVenue.BybitAsync(plan.Symbols, plan.Seed, stop.Token).ConfigureAwait(false)
                : await LoadVenue.PolymarketAsync(plan.Symbols, plan.Seed, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            context.Stderr.WriteLine("loadtest: stopped before the run started; nothing measured");
            return ExitCodes.Failure;
        }

        await using (venue)
        {
            // The process's costs are counted from here: the emulator shares the process, so they include its side too.
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            var cpu0 = self.TotalProcessorTime;
            var gc0 = GC.GetTotalPauseDuration();
            int[] collections0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            context.Stdout.WriteLine($"loadtest: running {plan.OrdersPerMinute} orders/min for {DurationParser.Format(plan.Duration)} (Ctrl+C stops and reports)");
            await new LoadDriver(venue, plan, figures, context.Stdout.WriteLine).RunAsync(stop.Token).ConfigureAwait(false);
            figures.ReadProcess(cpu0, gc0, collections0);
        }

        context.Stdout.WriteLine(figures.Table());
        if (jsonPath is not null) await File.WriteAllTextAsync(context.ResolvePath(jsonPath), figures.Json()).ConfigureAwait(false);
        if (figures.Passes)
        {
            context.Stdout.WriteLine("loadtest: passed (p95 < 340 ms, success >= 99 %)");
            return ExitCodes.Ok;
        }

        context.Stderr.WriteLine(figures.RoundTripsUs.Count == 0
            ? "loadtest: failed: no order was acknowledged"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"loadtest: failed: p95 {figures.Percentile(0.95) / 1000:0.000} ms (bar < 340 ms), success {figures.SuccessRate * 100:0.00} % (bar >= 99 %)"));
        return ExitCodes.Failure;
    }
}
