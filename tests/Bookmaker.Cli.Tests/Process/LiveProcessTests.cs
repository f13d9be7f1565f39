using Bookmaker.Cli.Tests.Live;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Operations;
using Bookmaker.Storage.Journal;
using Bookmaker.Venues.Polymarket.Emulator;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// <c>bookmaker live</c> as a real process against the loopback emulator hosted by the test: what is resting at the
/// venue is read from the venue itself. Traffic goes to 127.0.0.1 only.
/// </summary>
public sealed class LiveProcessTests
{
    private static readonly TimeSpan Quoting = TimeSpan.FromSeconds(30);

    private static BookmakerProcess StartLive(LiveEmulatorFixture fx, ProcessRun run, params string[] extra)
    {
        foreach (var (k, v) in fx.Cli.Environment) run.Environment[k] = v;
        return run.Start(["live", "--venue", "polymarket", "--confirm-live", "--markets", fx.MarketsArgument, "--journal", "live.db", "--summary-json", "s.json",
            "--set", "Risk:MaxPositionPerInstrument=5000", "--set", "Venue:Polymarket:HeartbeatInterval=500ms", .. extra]);
    }

    [Fact]
    public async Task Sigterm_cancels_every_order_at_the_venue_before_live_exits()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        using var run = new ProcessRun();
        using var p = StartLive(fx, run, "--duration", "120s");
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) > 0, Quoting, "orders resting at the venue");

        p.Signal(BookmakerProcess.SigTerm);
        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, p.Stdout + p.Stderr);
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey));
        Assert.Equal("signal:SIGTERM", run.Summary().GetProperty("exit_reason").GetString());
    }

    [Fact]
    public async Task A_market_resolved_during_a_live_session_stops_quoting_it_with_a_warning_and_a_journal_note()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        string resolved = fx.Emulator.Markets[0].ConditionId;
        string open = fx.Emulator.Markets[1].ConditionId;
        using var run = new ProcessRun();
        using var p = StartLive(fx, run, "--duration", "120s");
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey, resolved) > 0
            && fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey, open) > 0, Quoting, "orders resting in both markets");

        fx.Emulator.ResolveMarket(resolved);

        // The resolved market's orders are gone and stay gone, while the open market keeps its quotes resting. (Whether
        // a book move re-places them depends on the inventory-based quote, which a test should not second-guess.)
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey, resolved) == 0, TimeSpan.FromSeconds(10), "the resolved market's orders gone");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey, resolved));
        Assert.True(fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey, open) > 0, "the open market is still quoted");

        p.Signal(BookmakerProcess.SigTerm);
        Assert.True(await p.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, p.Stdout + p.Stderr);
        using var reader = JournalReader.Open(run.PathOf("live.db"));
        Assert.Contains(reader.ReadByKind(JournalKind.Alert), r => Payload(r) is var a
            && a.GetProperty("code").GetString() == "market_closed" && a.GetProperty("severity").GetString() == "WARNING" && a.GetProperty("key").GetString() == resolved);
        var note = Assert.Single(reader.ReadByKind(JournalKind.Note), r => Payload(r).GetProperty("text").GetString() == "market_closed");
        Assert.Equal(resolved, Payload(note).GetProperty("market").GetString());
        Assert.StartsWith("market_resolved", Payload(note).GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(reader.ReadByKind(JournalKind.Note), r => Payload(r).GetProperty("text").GetString() == "market_closed"
            && Payload(r).GetProperty("market").GetString() == open);
    }

    private static System.Text.Json.JsonElement Payload(JournalRecord record)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(record.Entry.Payload);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task A_stalled_live_engine_stops_its_heartbeat_and_cancels_everything_at_the_venue()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        using var run = new ProcessRun();
        // The market maker blocks the loop for 12 s on its 40th callback; the watchdog gives it 1 s.
        using var p = StartLive(fx, run, "--duration", "120s", "--drill", "strategy-block@40=12s", "--set", "Engine:StallTimeout=1s");
        await BookmakerProcess.UntilAsync(() => EngineStatusFile.Read(run.PathOf("live.db")) is { State: "STALLED" }, Quoting, "the watchdog declaring the stall");

        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) == 0, TimeSpan.FromSeconds(5), "the direct cancel-all");
        long beats = fx.Emulator.HeartbeatsReceived;
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(beats, fx.Emulator.HeartbeatsReceived);

        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(4, code);
        Assert.StartsWith("bookmaker: FAIL-CLOSED (exit 4)", Assert.Single(p.StderrLines, l => l.StartsWith("bookmaker:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey));
    }

    [Fact]
    public async Task Risk_halt_against_a_live_engine_leaves_nothing_resting_at_the_venue()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        using var run = new ProcessRun();
        using var p = StartLive(fx, run, "--duration", "120s");
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) > 0, Quoting, "orders resting at the venue");

        var (code, halt) = await BookmakerProcess.RunAsync(run.Directory, run.Environment, TimeSpan.FromSeconds(60), "risk", "halt", "--journal", "live.db");
        using var _ = halt;

        Assert.True(code == 0, halt.Stdout + halt.Stderr);
        await BookmakerProcess.UntilAsync(() => fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey) == 0, TimeSpan.FromSeconds(10), "every order cancelled at the venue");
        // Halted for the rest of its life: not one order is posted from here to the process's exit.
        long posted = fx.Emulator.OrdersPosted;
        p.Signal(BookmakerProcess.SigTerm);
        Assert.Equal(0, await p.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(posted, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task A_kill_switch_present_at_start_lets_no_order_reach_the_venue()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        using var run = new ProcessRun();
        new Engine.Risk.KillSwitchFile(run.PathOf("data/KILL")).Engage("ops", DateTimeOffset.UtcNow, null);

        using var p = StartLive(fx, run, "--duration", "4s");
        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, p.Stdout + p.Stderr);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
        Assert.Equal("HALTED", run.Summary().GetProperty("trading_state_at_exit").GetString());
    }
}
