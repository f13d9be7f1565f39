using Bookmaker.Cli.Tests.Live;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;
using Bookmaker.Venues.Polymarket.Emulator;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// A heartbeat outage through the real <c>bookmaker live</c> process against the loopback emulator: the venue's
/// dead-man switch is short here (3 s, the engine's window 2 s) so the whole outage fits in a few seconds.
/// </summary>
public sealed class HeartbeatLossProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static BookmakerProcess StartLive(LiveEmulatorFixture fx, ProcessRun run)
    {
        foreach (var (k, v) in fx.Cli.Environment) run.Environment[k] = v;
        return run.Start(["live", "--venue", "polymarket", "--confirm-live", "--markets", fx.MarketsArgument, "--journal", "live.db", "--summary-json", "s.json",
            "--duration", "60s", "--set", "Risk:MaxPositionPerInstrument=5000",
            "--set", "Venue:Polymarket:HeartbeatInterval=500ms", "--set", "Venue:Polymarket:HeartbeatWindow=2s"]);
    }

    [Fact]
    public async Task A_heartbeat_outage_is_one_line_sends_nothing_lets_the_venue_cancel_and_quotes_again_after_a_reconciliation()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync(new EmulatorOptions { HeartbeatTimeout = TimeSpan.FromSeconds(3) });
        using var run = new ProcessRun();
        using var p = StartLive(fx, run);
        string key = fx.Credentials.ApiKey;
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(key) > 0, Bound, "quotes resting");

        fx.Emulator.FailHeartbeats(TimeSpan.FromSeconds(6));
        await p.WaitForLineAsync(l => l.Contains("WARNING venue_session_lost", StringComparison.Ordinal), Bound, "the lost session reported");
        long postedWhenLost = fx.Emulator.OrdersPosted;
        await p.WaitForLineAsync(l => l.Contains("CRITICAL orders_presumed_cancelled", StringComparison.Ordinal), Bound, "orders presumed cancelled");
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(key) == 0, Bound, "the venue cancelling our orders");
        long postedWhileLost = fx.Emulator.OrdersPosted;
        await p.WaitForLineAsync(l => l.Contains("cleared venue_session_lost", StringComparison.Ordinal), Bound, "the session restored");
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(key) > 0, Bound, "quotes resting again");
        p.Signal(BookmakerProcess.SigTerm);
        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, p.Stdout + p.Stderr);
        Assert.Single(p.StdoutLines, l => l.Contains("WARNING venue_session_lost", StringComparison.Ordinal));
        Assert.Equal(postedWhenLost, postedWhileLost);
        using var reader = JournalReader.Open(run.PathOf("live.db"));
        var notes = reader.ReadByKind(JournalKind.Note).Select(r => r.Entry.Payload).ToList();
        int presumed = notes.FindIndex(n => n.Contains("orders_presumed_cancelled", StringComparison.Ordinal));
        Assert.True(presumed >= 0, "no orders_presumed_cancelled note");
        Assert.Contains(notes.Skip(presumed), n => n.Contains("reconciled after reconnection", StringComparison.Ordinal));
    }
}
