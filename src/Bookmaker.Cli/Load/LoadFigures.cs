using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bookmaker.Cli.Load;

/// <summary>What one load test measured: round trips, outcomes by kind and the process's own costs.</summary>
internal sealed class LoadFigures
{
    /// <summary>The SLA bar of issue 17 (the seed's RISK-010): p95 round trip under 340 ms.</summary>
    public const double P95BarMs = 340;

    /// <summary>Lowest success rate that passes.</summary>
    public const double SuccessBar = 0.99;

    public string Venue { get; init; } = "";
    public int Symbols { get; init; }
    public int OrdersPerMinute { get; init; }
    public TimeSpan PlannedDuration { get; init; }
    public int Seed { get; init; }
    public TimeSpan Elapsed { get; set; }
    public bool Interrupted { get; set; }

    /// <summary>Orders the schedule produced (each asked the risk gate).</summary>
    public int Attempted { get; set; }

    /// <summary>Orders the venue acknowledged (Accepted report).</summary>
    public int Acknowledged { get; set; }

    /// <summary>Orders cancelled after their ack (the venue confirmed).</summary>
    public int Cancelled { get; set; }

    /// <summary>Submit → Accepted report, one entry per acknowledged order, in microseconds.</summary>
    public List<double> RoundTripsUs { get; } = [];

    /// <summary>Failures by kind: <c>risk:&lt;code&gt;</c>, <c>reject:&lt;reason&gt;</c>, <c>request-failed:&lt;reason&gt;</c>, <c>timeout</c>, <c>cancel-…</c>.</summary>
    public SortedDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public TimeSpan Cpu { get; set; }
    public long PeakRssBytes { get; set; }
    public TimeSpan GcPause { get; set; }
    public int[] GcCollections { get; set; } = [0, 0, 0];

    public double SuccessRate => Attempted == 0 ? 0 : (double)Acknowledged / Attempted;

    public double Percentile(double q)
    {
        if (RoundTripsUs.Count == 0) return double.NaN;
        var sorted = RoundTripsUs.Order().ToList();
        int rank = Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1); // nearest rank
        return sorted[rank];
    }

    public bool Passes => RoundTripsUs.Count > 0 && Percentile(0.95) / 1000 < P95BarMs && SuccessRate >= SuccessBar;

    public void Count(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;

    /// <summary>Reads the process's CPU, peak RSS and GC figures, relative to the values at the start.</summary>
    public void ReadProcess(TimeSpan cpuAtStart, TimeSpan gcAtStart, int[] collectionsAtStart)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Cpu = self.TotalProcessorTime - cpuAtStart;
        PeakRssBytes = self.PeakWorkingSet64;
        GcPause = GC.GetTotalPauseDuration() - gcAtStart;
        GcCollections = [.. Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsAtStart[g])];
    }

    /// <summary>One line of where a running test is: elapsed, counts, errors, and the p95 so far.</summary>
    public string ProgressLine(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"loadtest: {(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s: {Attempted} sent, {Acknowledged} acknowledged, errors {Errors.Values.Sum()}, p95 so far {(RoundTripsUs.Count == 0 ? "-" : Ms(0.95))} ms");

    /// <summary>The human table.</summary>
    public string Table()
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"loadtest {Venue}: {Symbols} symbols, {OrdersPerMinute} orders/min, {Elapsed.TotalSeconds:0.0} s of {PlannedDuration.TotalSeconds:0} s{(Interrupted ? " (interrupted)" : "")}");
        s.AppendLine(c, $"  orders        {Attempted} sent, {Acknowledged} acknowledged, {Cancelled} cancelled, success {SuccessRate * 100:0.00} %");
        s.AppendLine(c, $"  round trip    p50 {Ms(0.50)} ms  p95 {Ms(0.95)} ms  p99 {Ms(0.99)} ms  max {Ms(1.0)} ms  (bar: p95 < {P95BarMs:0} ms)");
        s.AppendLine(c, $"  errors        {(Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key} {e.Value}")))}");
        s.AppendLine(c, $"  process       cpu {Cpu.TotalSeconds:0.00} s ({Cpu.TotalSeconds / Math.Max(0.001, Elapsed.TotalSeconds) * 100:0.0} % of one core), peak rss {PeakRssBytes / 1048576.0:0.0} MiB");
        s.Append(c, $"  gc            pauses {GcPause.TotalMilliseconds:0.0} ms total, collections gen0 {GcCollections[0]} gen1 {GcCollections[1]} gen2 {GcCollections[2]}");
        return s.ToString();
    }

    private string Ms(double q) => (Percentile(q) / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The JSON document of <c>--json</c>: times in milliseconds.</summary>
    public string Json()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("venue", Venue);
            w.WriteNumber("symbols", Symbols);
            w.WriteNumber("orders_per_minute", OrdersPerMinute);
            w.WriteNumber("duration_s", PlannedDuration.TotalSeconds);
            w.WriteNumber("elapsed_s", Math.Round(Elapsed.TotalSeconds, 3));
            w.WriteNumber("seed", Seed);
            w.WriteBoolean("interrupted", Interrupted);
            w.WriteNumber("orders_sent", Attempted);
            w.WriteNumber("orders_acknowledged", Acknowledged);
            w.WriteNumber("orders_cancelled", Cancelled);
            w.WriteNumber("success_rate", Math.Round(SuccessRate, 6));
            w.WriteStartObject("round_trip_ms");
            foreach (var (name, q) in new[] { ("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0) })
            {
                if (RoundTripsUs.Count == 0) w.WriteNull(name);
                else w.WriteNumber(name, Math.Round(Percentile(q) / 1000, 3));
            }

            w.WriteEndObject();
            w.WriteStartObject("errors");
            foreach (var (kind, n) in Errors) w.WriteNumber(kind, n);
            w.WriteEndObject();
            w.WriteNumber("errors_total", Errors.Values.Sum());
            w.WriteNumber("cpu_s", Math.Round(Cpu.TotalSeconds, 3));
            w.WriteNumber("peak_rss_bytes", PeakRssBytes);
            w.WriteNumber("gc_pause_ms", Math.Round(GcPause.TotalMilliseconds, 3));
            w.WriteStartArray("gc_collections");
            foreach (int n in GcCollections) w.WriteNumberValue(n);
            w.WriteEndArray();
            w.WriteNumber("p95_bar_ms", P95BarMs);
            w.WriteBoolean("passed", Passes);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
