using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Bookmaker.Backtest.Sweeps;
using Bookmaker.Cli.Running;

namespace Bookmaker.Cli.Sweep;

/// <summary>
/// Runs a <see cref="SweepJob"/>: writes <c>sweep-plan.json</c>, takes this shard's runs, skips the finished ones
/// (<see cref="RunResume"/>), and runs the rest <c>--parallel</c> at a time, each a <see cref="ChildBacktest"/> process
/// writing into <c>runs/&lt;id&gt;/</c>. Ctrl+C (or SIGTERM) stops cleanly: no new run starts, the running ones get
/// SIGINT and stop as a backtest does, finished runs are kept, and the sweep exits 1 (not done; the same command
/// resumes). Exit 0 when every run of the shard is done, 1 when one failed.
/// </summary>
internal static class SweepRunner
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    public static int Run(SweepJob job, CliContext context) => RunAsync(job, context).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(SweepJob job, CliContext context)
    {
        Directory.CreateDirectory(Path.Combine(job.OutDir, SweepFiles.RunsDirectory));
        SweepFiles.WriteAtomically(Path.Combine(job.OutDir, SweepFiles.PlanFile), SweepFiles.Plan(job.Grid));
        var mine = job.Grid.Expand().Where(r => job.Shard.Takes(r.Index)).ToList();
        var todo = mine.Where(r => !RunResume.IsFinished(job, r)).ToList();
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sweep: grid of {job.Grid.Count} runs; shard {job.Shard} takes {mine.Count}, {mine.Count - todo.Count} already finished, {todo.Count} to run, {job.Parallel} at a time"));

        using var signals = new ShutdownSignals(context.Stderr, null, context.Stop);
        var queue = new ConcurrentQueue<SweepRun>(todo);
        var failed = new ConcurrentBag<string>();
        var progress = new SweepProgress(context, todo.Count);
        int finished = 0;

        async Task Worker()
        {
            while (!signals.Token.IsCancellationRequested && queue.TryDequeue(out var run))
            {
                var (code, ok, seconds, trial) = await RunOneAsync(job, run, signals.Token).ConfigureAwait(false);
                if (signals.Token.IsCancellationRequested && !ok) break;
                int n = Interlocked.Increment(ref finished);
                string head = string.Create(CultureInfo.InvariantCulture, $"sweep: [{n}/{todo.Count}] {run.Id}");
                if (ok && trial is not null)
                {
                    progress.Finished(string.Create(CultureInfo.InvariantCulture, $"{head}: net P&L {trial.NetPnl}, fills {trial.Fills}, exit {code} ({seconds:0.0} s)"), failed: false);
                }
                else
                {
                    failed.Add(run.Id);
                    progress.Finished($"{head}: failed (exit {code}); see {Path.Combine(job.RunDirectory(run), "backtest.log")}", failed: true);
                }
            }
        }

        progress.Start();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(job.Parallel, Math.Max(1, todo.Count))).Select(_ => Task.Run(Worker))).ConfigureAwait(false);
        progress.Finish();
        if (signals.Token.IsCancellationRequested)
        {
            context.Stderr.WriteLine($"sweep: stopped; {finished} runs finished now and kept under {Path.Combine(job.OutDir, SweepFiles.RunsDirectory)}; the same command resumes");
            return ExitCodes.Failure;
        }

        context.Stdout.WriteLine($"sweep: done; {mine.Count - failed.Count} of {mine.Count} runs of shard {job.Shard} finished in {job.OutDir}");
        if (job.Shard.Count == 1 && failed.IsEmpty) return SweepReportRunner.Run([job.OutDir], null, null, null, context);
        if (failed.IsEmpty) context.Stdout.WriteLine($"sweep: merge the shards with: bookmaker sweep report {job.OutDir}");
        return failed.IsEmpty ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task<(int Code, bool Ok, double Seconds, SweepTrial? Trial)> RunOneAsync(SweepJob job, SweepRun run, CancellationToken stop)
    {
        string dir = job.RunDirectory(run);
        Directory.CreateDirectory(dir);
        // A result left by other arguments must not pass for this run if this one is cut short.
        File.Delete(Path.Combine(dir, "result.json"));
        SweepFiles.WriteAtomically(Path.Combine(dir, SweepFiles.RunFile), SweepFiles.RunManifest(run, job.ArgumentsHash(run)));
        var args = job.Arguments(run);
        args.AddRange(["--out", dir]);
        var watch = Stopwatch.StartNew();
        using var child = ChildBacktest.Start(args, job.WorkingDirectory, job.Environment, Path.Combine(dir, "backtest.log"));
        using var force = new CancellationTokenSource();
        // The one place a child is interrupted on stop (once: a third SIGINT would force it out without its cleanup).
        using var grace = stop.Register(() =>
        {
            child.Interrupt();
            force.CancelAfter(StopGrace);
        });
        int code;
        try
        {
            code = await child.WaitAsync(force.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            child.ForceStop();
            code = -1;
        }

        var trial = code is ExitCodes.Ok or ExitCodes.Failure ? SweepTrial.TryRead(dir) : null;
        return (code, trial is not null, watch.Elapsed.TotalSeconds, trial);
    }
}
