using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bookmaker.Benchmarks;

/// <summary>
/// <c>--cpu-time bybit|backtest [batches]</c>: the same benchmark bodies timed by CPU time as well as wall time. On the
/// shared 2-core machine, with ten or more runnable threads, BenchmarkDotNet's wall times are mostly time spent waiting
/// for a core; the thread's (Bybit) or the process's (backtest: prefetch, engine, journal, JIT and GC threads together)
/// CPU time per operation is what the code costs, and moves far less with the load. Used for A/B comparisons under load
/// (docs/benchmarks.md); BenchmarkDotNet stays the figure of record on a quiet machine.
/// </summary>
internal static class CpuTimeRunner
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
    private const int ProcessCpuClock = 2; // CLOCK_PROCESS_CPUTIME_ID

    public static int Run(string[] args)
    {
        string what = args.Length > 1 ? args[1] : "bybit";
        int batches = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30;
        if (what == "bybit") Bybit(batches);
        else Backtest(batches);
        return 0;
    }

    private static void Bybit(int batches)
    {
        var b = new BybitParseBenchmarks();
        b.Setup();
        foreach (var (name, body) in new (string, Func<long>)[]
                 { ("ParseDeltaIntoBook", b.ParseDeltaIntoBook), ("ParseDelta", b.ParseDelta), ("BareUtf8JsonReaderPass", () => b.BareUtf8JsonReaderPass()) })
        {
            const int n = 20_000;
            for (int i = 0; i < n * 5; i++) body();
            var cpu = new List<double>();
            var wall = new List<double>();
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < batches; k++)
            {
                long c0 = Now(ThreadCpuClock);
                long w0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < n; i++) body();
                cpu.Add((Now(ThreadCpuClock) - c0) / (double)n);
                wall.Add(Stopwatch.GetElapsedTime(w0).TotalNanoseconds / n);
            }

            double perOp = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)(n * batches);
            cpu.Sort();
            wall.Sort();
            Console.WriteLine($"{name}: thread CPU median {cpu[cpu.Count / 2]:F1} ns (min {cpu[0]:F1}), wall median {wall[wall.Count / 2]:F1} ns (min {wall[0]:F1}), {perOp:F2} B/op");
        }
    }

    private static void Backtest(int runs)
    {
        var b = new BacktestEndToEndBenchmarks();
        b.Setup();
        for (int i = 0; i < 3; i++) b.Backtest();
        var rates = new List<double>();
        var cpu = new List<double>();
        for (int k = 0; k < runs; k++)
        {
            long c0 = Now(ProcessCpuClock);
            long w0 = Stopwatch.GetTimestamp();
            b.Backtest();
            rates.Add(BacktestEndToEndBenchmarks.Events / Stopwatch.GetElapsedTime(w0).TotalSeconds);
            cpu.Add((Now(ProcessCpuClock) - c0) / (double)BacktestEndToEndBenchmarks.Events);
        }

        b.Cleanup();
        rates.Sort();
        cpu.Sort();
        Console.WriteLine($"backtest: wall median {rates[rates.Count / 2] / 1e6:F3} M events/s (best {rates[^1] / 1e6:F3} M); process CPU median {cpu[cpu.Count / 2]:F0} ns/event (min {cpu[0]:F0})");
    }

    private static long Now(int clock)
    {
        _ = ClockGetTime(clock, out TimeSpec t);
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
