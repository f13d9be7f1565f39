using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests;

/// <summary><c>bookmaker risk status</c> reads the same state, usage, alerts and operator actions after a compaction.</summary>
public sealed class RiskStatusAfterCompactionTests : IDisposable
{
    private const long T0 = 638_712_864_000_000_000; // 2025-01-01T00:00:00Z
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string JournalFile => Path.Combine(_cli.Directory, "journal.db");

    private JsonObject Status()
    {
        var r = _cli.Run("risk", "status", "--json", "--journal", JournalFile);
        Assert.Equal(0, r.ExitCode);
        return JsonNode.Parse(r.Stdout)!.AsObject();
    }

    [Fact]
    public async Task Risk_status_shows_the_same_state_usage_and_open_alerts_after_compaction()
    {
        await using var journal = SqliteJournal.Open(JournalFile, new SqliteJournalOptions { CompactAbove = 1 });
        long t = T0;
        void Add(JournalKind kind, ulong order, string payload) => journal.Append(new JournalEntry(t += TimeSpan.TicksPerSecond, kind, order, order == 0 ? null : "sim:yes", payload));
        for (int n = 1; n <= 300; n++)
        {
            ulong id = (1UL << 40) + (uint)n;
            Add(JournalKind.OrderIntent, id, "{\"id\":\"x\"}");
            Add(JournalKind.OrderState, id, "{\"text\":\"Open\"}");
            Add(JournalKind.OrderState, id, n % 7 == 0 ? "{\"text\":\"Open\"}" : "{\"text\":\"Cancelled\"}");
            if (n % 25 == 0) Add(JournalKind.Alert, 0, $"{{\"text\":\"stale\",\"code\":\"stale_feed\",\"severity\":\"WARNING\",\"key\":\"sim:yes\",\"active\":\"{(n % 50 == 0 ? "false" : "true")}\"}}");
            if (n % 10 == 0) Add(JournalKind.PnlSnapshot, 0, $"{{\"cash\":\"{1000 + n}\",\"equity\":\"1000\",\"realized\":\"{n}\",\"unrealized\":\"0\",\"fees\":\"0\",\"rebates\":\"0\",\"daily\":\"-{n}\",\"state\":\"ACTIVE\"}}");
        }

        Add(JournalKind.Alert, 0, "{\"text\":\"lag\",\"code\":\"loop_lag\",\"severity\":\"WARNING\",\"key\":\"\",\"active\":\"true\"}");
        Add(JournalKind.Alert, 0, "{\"text\":\"breached\",\"code\":\"daily_loss_breach\",\"severity\":\"CRITICAL\",\"key\":\"\",\"active\":\"true\"}");
        Add(JournalKind.TradingState, 0, "{\"text\":\"HALTED\",\"from\":\"ACTIVE\",\"reason\":\"daily_loss_breached\"}");
        Add(JournalKind.OperatorCommand, 0, "{\"text\":\"Halt\",\"actor\":\"alice\",\"note\":\"\",\"source\":\"cli\"}");
        await journal.FlushAsync();
        var before = Status();

        var done = new TaskCompletionSource<JournalCompaction>(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.Compacted += (_, e) => done.TrySetResult(e.Compaction);
        journal.RequestCompaction(T0 + TimeSpan.TicksPerDay);
        var result = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await journal.FlushAsync();
        var after = Status();

        Assert.True(result.EntriesMoved > 500, $"{result.EntriesMoved} moved");
        foreach (string field in new[] { "state", "state_reason", "usage", "open_alerts", "limits" })
        {
            Assert.Equal(before[field]!.ToJsonString(), after[field]!.ToJsonString());
        }
    }
}
