using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Operations;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;

namespace Bookmaker.Engine.Tests.Faults;

/// <summary>The engine's end of the operator mailbox, on simulated wall time (polled by hand).</summary>
public sealed class OperatorChannelTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("bm-ops-").FullName;
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly SimulatedTimeProvider _wall = new(Start);
    private readonly EngineHost _host;

    public OperatorChannelTests()
    {
        _host = EngineHost.Create(_clock, [new LoopVenue()], new NullJournal(), new EngineHostOptions());
        _host.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _host.Loop.DrainPending();
    }

    private string Journal => Path.Combine(_dir, "journal.db");

    private string Mailbox => OperatorMailbox.DirectoryFor(Journal);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private OperatorRequest Request(string kind, TimeSpan? ttl = null) =>
        new("r-" + kind, kind, "alice", "drill", _wall.GetUtcNow(), _wall.GetUtcNow() + (ttl ?? TimeSpan.FromSeconds(5)));

    [Fact]
    public void A_halt_request_is_applied_on_the_loop_and_answered_with_the_state_it_left()
    {
        using var channel = new OperatorChannel(Journal, _host.Engine, "paper", null, _wall);
        channel.Start(TimeSpan.FromHours(1));
        OperatorMailbox.WriteRequest(Mailbox, Request(OperatorMailbox.Halt));

        channel.Poll();
        Assert.Null(OperatorMailbox.TakeResponse(Mailbox, "r-halt")); // not applied until the loop runs it
        _host.Loop.DrainPending();

        var answer = OperatorMailbox.TakeResponse(Mailbox, "r-halt");
        Assert.NotNull(answer);
        Assert.True(answer!.Applied);
        Assert.Equal("HALTED", answer.State);
        Assert.Equal(TradingState.Halted, _host.Engine.Gate.State);
    }

    [Fact]
    public void An_expired_request_is_answered_expired_and_never_applied()
    {
        using var channel = new OperatorChannel(Journal, _host.Engine, "paper", null, _wall);
        channel.Start(TimeSpan.FromHours(1));
        OperatorMailbox.WriteRequest(Mailbox, Request(OperatorMailbox.Halt, TimeSpan.FromSeconds(1)));
        _wall.Advance(TimeSpan.FromSeconds(2));

        channel.Poll();
        _host.Loop.DrainPending();

        var answer = OperatorMailbox.TakeResponse(Mailbox, "r-halt");
        Assert.False(answer!.Applied);
        Assert.StartsWith("expired", answer.Detail, StringComparison.Ordinal);
        Assert.Equal(TradingState.Active, _host.Engine.Gate.State);
    }

    [Fact]
    public void Requests_left_before_the_engine_started_never_act()
    {
        OperatorMailbox.WriteRequest(Mailbox, Request(OperatorMailbox.Halt, TimeSpan.FromHours(1)));
        using var channel = new OperatorChannel(Journal, _host.Engine, "paper", null, _wall);

        channel.Start(TimeSpan.FromHours(1));
        channel.Poll();
        _host.Loop.DrainPending();

        Assert.Equal(TradingState.Active, _host.Engine.Gate.State);
        Assert.False(OperatorMailbox.TakeResponse(Mailbox, "r-halt")!.Applied);
    }

    [Fact]
    public void The_status_file_shows_a_stalled_engine_as_stalled_never_active()
    {
        using var channel = new OperatorChannel(Journal, _host.Engine, "paper", "/k/KILL", _wall);
        channel.Start(TimeSpan.FromHours(1));

        _host.Loop.MarkStalled();
        channel.WriteStatus();

        var status = EngineStatusFile.Read(Journal)!;
        Assert.Equal("STALLED", status.State);
        Assert.Equal(Environment.ProcessId, status.Pid);
        Assert.Equal("/k/KILL", status.KillSwitch);
    }
}
