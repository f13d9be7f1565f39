using System.Text.Json;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests;

/// <summary><c>bookmaker report sla</c> over a journal whose round trips are known.</summary>
public sealed class ReportSlaTests : IDisposable
{
    private static readonly long Day1 = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero).UtcTicks;
    private static readonly long Day2 = new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero).UtcTicks;
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Journal => Path.Combine(_cli.Directory, "j.db");

    // Day 1: 10 minutes answered in 50 ms, then 6 minutes in 500 ms (one breach of the 5-minute hold); day 2: all fast.
    private async Task WriteJournalAsync()
    {
        await using var journal = SqliteJournal.Open(Journal);
        ulong id = 1UL << 40;
        void Order(long at, double ms)
        {
            id++;
            journal.Append(new JournalEntry(at, JournalKind.OrderIntent, id, "sim:yes", "{\"id\":\"x\"}"));
            long acked = at + TimeSpan.FromMilliseconds(ms).Ticks;
            journal.Append(new JournalEntry(acked, JournalKind.OrderState, id, "sim:yes", "{\"text\":\"Open\",\"from\":\"PendingNew\"}"));
            journal.Append(new JournalEntry(acked + TimeSpan.TicksPerSecond, JournalKind.OrderState, id, "sim:yes", "{\"text\":\"Cancelled\",\"from\":\"PendingCancel\"}"));
        }

        for (int minute = 0; minute < 16; minute++)
            for (int k = 0; k < 20; k++)
                Order(Day1 + minute * TimeSpan.TicksPerMinute + k * TimeSpan.TicksPerSecond, minute < 10 ? 50 : 500);
        for (int minute = 0; minute < 3; minute++)
            Order(Day2 + minute * TimeSpan.TicksPerMinute, 20);
        await journal.FlushAsync();
    }

    [Fact]
    public async Task Report_sla_prints_the_share_of_minutes_within_the_sla_per_day_and_the_breaches()
    {
        await WriteJournalAsync();

        var r = _cli.Run("report", "sla", "--journal", "j.db", "--json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(340, doc.RootElement.GetProperty("limit_ms").GetDouble());
        var days = doc.RootElement.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(2, days.Count);
        var first = days[0];
        Assert.Equal("2026-03-02", first.GetProperty("day").GetString());
        Assert.Equal(320, first.GetProperty("round_trips").GetInt32());
        Assert.Equal(16, first.GetProperty("minutes_measured").GetInt32());
        Assert.Equal(10, first.GetProperty("minutes_within").GetInt32());
        Assert.Equal(0.625, first.GetProperty("within_share").GetDouble());
        Assert.Equal(1, first.GetProperty("breaches").GetInt32());
        Assert.Equal(500, first.GetProperty("p95_ms").GetDouble());
        Assert.Equal(50, first.GetProperty("p50_ms").GetDouble());
        Assert.Equal(1.0, days[1].GetProperty("within_share").GetDouble());
    }

    [Fact]
    public async Task Report_sla_for_one_day_prints_only_that_day_as_text()
    {
        await WriteJournalAsync();

        var r = _cli.Run("report", "sla", "--journal", "j.db", "--day", "2026-03-03");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("2026-03-03", r.Stdout);
        Assert.DoesNotContain("2026-03-02", r.Stdout);
        Assert.Contains("100.00%", r.Stdout);
    }

    [Fact]
    public void Report_sla_on_a_missing_journal_exits_2()
    {
        var r = _cli.Run("report", "sla", "--journal", "missing.db");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot read the journal", r.Stderr);
    }
}
