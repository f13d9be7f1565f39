using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;

namespace Bookmaker.Engine.Tests.Faults;

/// <summary>The watchdog on fake monotonic time: <see cref="EngineWatchdog.Check"/> is called by hand.</summary>
public sealed class EngineWatchdogTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _engineClock = new(Start);
    private readonly SimulatedTimeProvider _mono = new(Start);
    private readonly LoopVenue _venue = new();
    private readonly EngineHost _host;

    public EngineWatchdogTests()
    {
        _host = EngineHost.Create(_engineClock, [_venue], new NullJournal(), new EngineHostOptions());
        _host.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _host.Loop.DrainPending();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private EngineWatchdog Watchdog(TimeProvider? wall = null) =>
        new(_host.Loop, _host.Engine, [_venue], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), _mono, wall, TimeSpan.FromSeconds(10));

    [Fact]
    public void A_busy_loop_without_progress_for_the_stall_timeout_is_stalled()
    {
        using var dog = Watchdog();
        StallReport? seen = null;
        dog.Stalled += r => seen = r;
        _host.Loop.SetWaiting(false);

        dog.Check();
        _mono.Advance(TimeSpan.FromSeconds(5));
        dog.Check();

        Assert.NotNull(seen);
        Assert.True(_host.Loop.IsStalled);
        Assert.False(_host.Loop.IsAlive);
        Assert.Equal("STALLED", _host.Engine.DisplayState);
    }

    [Fact]
    public void A_stall_sends_a_cancel_all_straight_through_the_venue()
    {
        using var dog = Watchdog();
        _host.Loop.SetWaiting(false);

        dog.Check();
        _mono.Advance(TimeSpan.FromSeconds(6));
        dog.Check();

        Assert.Equal(1, _venue.DirectCancelAlls);
        Assert.Equal(["polymarket"], dog.Stall!.CancelAllSent);
    }

    [Fact]
    public void The_engine_fails_closed_when_a_stalled_loop_comes_back()
    {
        using var dog = Watchdog();
        _host.Loop.SetWaiting(false);
        dog.Check();
        _mono.Advance(TimeSpan.FromSeconds(6));
        dog.Check();

        _host.Loop.DrainPending();

        Assert.Equal(EngineFaultKind.Stall, _host.Engine.Fault?.Kind);
        Assert.Equal(TradingState.Halted, _host.Engine.Gate.State);
    }

    [Fact]
    public void A_loop_that_waits_for_work_is_never_stalled()
    {
        using var dog = Watchdog();
        _host.Loop.SetWaiting(true);

        dog.Check();
        _mono.Advance(TimeSpan.FromMinutes(10));
        dog.Check();

        Assert.False(_host.Loop.IsStalled);
        Assert.Null(dog.Stall);
    }

    [Fact]
    public void A_busy_loop_that_keeps_progressing_is_not_stalled()
    {
        using var dog = Watchdog();
        _host.Loop.SetWaiting(false);
        for (int i = 0; i < 10; i++)
        {
            dog.Check();
            _mono.Advance(TimeSpan.FromSeconds(1));
            _host.Loop.NoteProgress();
        }

        Assert.False(_host.Loop.IsStalled);
    }

    [Fact]
    public void A_loop_that_never_comes_back_is_reported_stuck_after_the_grace()
    {
        using var dog = Watchdog();
        StallReport? stuck = null;
        dog.Stuck += r => stuck = r;
        _host.Loop.SetWaiting(false);
        dog.Check();
        _mono.Advance(TimeSpan.FromSeconds(6));
        dog.Check();

        _mono.Advance(TimeSpan.FromSeconds(10));
        dog.Check();

        Assert.NotNull(stuck);
    }

    [Fact]
    public void A_clock_jump_beyond_the_limit_fails_the_engine_closed()
    {
        var wall = new JumpingClock(_mono, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(-90));
        using var dog = Watchdog(wall);
        dog.Check();

        _mono.Advance(TimeSpan.FromSeconds(1));
        dog.Check();
        _host.Loop.DrainPending();

        Assert.Equal(EngineFaultKind.Clock, _host.Engine.Fault?.Kind);
        Assert.Contains("jumped back 90", _host.Engine.Fault!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_clock_adjustments_are_tolerated()
    {
        var wall = new JumpingClock(_mono, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
        using var dog = Watchdog(wall);
        dog.Check();

        _mono.Advance(TimeSpan.FromSeconds(1));
        dog.Check();
        _host.Loop.DrainPending();

        Assert.Null(_host.Engine.Fault);
    }
}
