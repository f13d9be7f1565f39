using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Reports;

/// <summary>One day of the round-trip SLA.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="RoundTrips">Orders answered that day.</param>
/// <param name="P50Ms">Median round trip.</param>
/// <param name="P95Ms">p95 over the day.</param>
/// <param name="P99Ms">p99 over the day.</param>
/// <param name="MinutesMeasured">Minutes with at least one round trip.</param>
/// <param name="MinutesWithin">Of those, minutes whose p95 was within the limit.</param>
/// <param name="WithinShare">MinutesWithin / MinutesMeasured (1 with nothing measured is never claimed: null).</param>
/// <param name="Breaches">Runs of consecutive minutes above the limit at least as long as the hold time (the alert).</param>
public sealed record SlaDay(
    [property: JsonPropertyName("day")] string Day,
    [property: JsonPropertyName("round_trips")] int RoundTrips,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p95_ms")] double P95Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms,
    [property: JsonPropertyName("minutes_measured")] int MinutesMeasured,
    [property: JsonPropertyName("minutes_within")] int MinutesWithin,
    [property: JsonPropertyName("within_share")] double? WithinShare,
    [property: JsonPropertyName("breaches")] int Breaches);

/// <summary>
/// <c>bookmaker report sla</c>: the order round trip per day, from the journal. A round trip is the engine-clock time
/// from an order's intent (journaled before any I/O) to its first state change out of PendingNew (the venue's first
/// answer: acknowledged, rejected or filled) — both entries the journal already holds for every order. The share of
/// time within the SLA counts minutes: a minute with round trips is within when its p95 is at most the limit.
/// </summary>
internal static class SlaReport
{
    /// <summary>Reads the journal and builds one row per UTC day (only <paramref name="day"/> when given).</summary>
    public static IReadOnlyList<SlaDay> Build(string journalPath, DateOnly? day, TimeSpan limit, TimeSpan holdFor)
    {
        var samples = RoundTrips(journalPath);
        return samples
            .GroupBy(s => DateOnly.FromDateTime(new DateTime(s.AtTicks, DateTimeKind.Utc)))
            .Where(g => day is null || g.Key == day)
            .OrderBy(g => g.Key)
            .Select(g => Day(g.Key, g.ToList(), limit, holdFor))
            .ToList();
    }

    /// <summary>Round trips (end time, milliseconds) in journal order.</summary>
    public static List<(long AtTicks, double Ms)> RoundTrips(string journalPath)
    {
        using var reader = JournalReader.Open(journalPath);
        var intents = new Dictionary<ulong, long>();
        foreach (var r in reader.ReadByKind(JournalKind.OrderIntent)) intents.TryAdd(r.Entry.OrderId, r.Entry.TimeTicks);
        var result = new List<(long, double)>();
        foreach (var r in reader.ReadByKind(JournalKind.OrderState))
        {
            if (!r.Entry.Payload.Contains("\"from\":\"PendingNew\"", StringComparison.Ordinal)) continue;
            // The first answer only: a later report about the same order is not a round trip.
            if (!intents.Remove(r.Entry.OrderId, out long start)) continue;
            result.Add((r.Entry.TimeTicks, TimeSpan.FromTicks(Math.Max(0, r.Entry.TimeTicks - start)).TotalMilliseconds));
        }

        return result;
    }

    private static SlaDay Day(DateOnly day, List<(long AtTicks, double Ms)> samples, TimeSpan limit, TimeSpan holdFor)
    {
        var all = samples.Select(s => s.Ms).Order().ToArray();
        var minutes = samples.GroupBy(s => s.AtTicks / TimeSpan.TicksPerMinute).OrderBy(g => g.Key)
            .Select(g => (Minute: g.Key, Within: Percentile(g.Select(s => s.Ms).Order().ToArray(), 0.95) <= limit.TotalMilliseconds)).ToList();
        int holdMinutes = Math.Max(1, (int)Math.Ceiling(holdFor.TotalMinutes));
        int breaches = 0, run = 0;
        long previous = long.MinValue;
        foreach (var (minute, ok) in minutes)
        {
            run = !ok ? (minute == previous + 1 ? run + 1 : 1) : 0;
            if (run == holdMinutes) breaches++;
            previous = minute;
        }

        int within = minutes.Count(m => m.Within);
        return new SlaDay(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), all.Length, Math.Round(Percentile(all, 0.5), 3), Math.Round(Percentile(all, 0.95), 3),
            Math.Round(Percentile(all, 0.99), 3), minutes.Count, within, minutes.Count == 0 ? null : Math.Round((double)within / minutes.Count, 4), breaches);
    }

    // Nearest rank: the smallest value with at least q of the samples at or below it.
    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string ToText(IReadOnlyList<SlaDay> days, TimeSpan limit)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"order round trip (intent to first answer), SLA p95 <= {limit.TotalMilliseconds:0} ms per minute"));
        sb.AppendLine("day         round_trips   p50_ms   p95_ms   p99_ms  minutes  within  share    breaches");
        foreach (var d in days)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Day}  {d.RoundTrips,11}  {d.P50Ms,7:0.0}  {d.P95Ms,7:0.0}  {d.P99Ms,7:0.0}  {d.MinutesMeasured,7}  {d.MinutesWithin,6}  {(d.WithinShare is { } s ? (s * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-"),7}  {d.Breaches,8}"));
        }

        if (days.Count == 0) sb.AppendLine("(no round trips in the journal for the days asked)");
        return sb.ToString();
    }

    public static string ToJson(IReadOnlyList<SlaDay> days, TimeSpan limit) =>
        JsonSerializer.Serialize(new { limit_ms = limit.TotalMilliseconds, days }, Indented) + "\n";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
