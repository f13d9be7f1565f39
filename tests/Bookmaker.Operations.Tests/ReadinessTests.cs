using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Time;
using Bookmaker.Operations.ControlPlane;
using Bookmaker.Operations.Snapshots;

namespace Bookmaker.Operations.Tests;

/// <summary>Health and readiness judged from the loop's snapshot: fail closed on unknown, stale or stalled.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly SimulatedTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.Zero));
    private EngineHost _host = null!;
    private SnapshotPublisher _snapshots = null!;

    public Task InitializeAsync()
    {
        _host = EngineHost.Create(_clock, [], new NullJournal(), new EngineHostOptions());
        _snapshots = new SnapshotPublisher(_host.Engine, [], _host.Journal, TimeProvider.System, TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ControlPlaneOptions Options => new() { Listen = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), SimulatedClock = true };

    private void Tick()
    {
        _clock.AdvanceTo(_clock.GetUtcNow() + TimeSpan.FromMilliseconds(250));
        _host.Loop.DrainPending();
    }

    [Fact]
    public void Before_the_first_snapshot_health_is_unknown_and_every_component_is_not_ready()
    {
        var (healthy, status, _) = Readiness.Liveness(_host.Engine, _snapshots.Latest, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(6));
        var components = Readiness.Components(_host.Engine, _snapshots.Latest, DateTimeOffset.UtcNow, Options);

        Assert.False(healthy);
        Assert.Equal("unknown", status);
        Assert.All(components, c => Assert.False(c.Ok));
        Assert.Contains(components, c => c.Name == "journal" && c.Status == "unknown" && c.Critical);
    }

    [Fact]
    public void A_housekeeping_tick_publishes_a_snapshot_and_the_loop_is_healthy()
    {
        Tick();

        var s = Assert.IsType<EngineSnapshot>(_snapshots.Latest);
        var (healthy, status, _) = Readiness.Liveness(_host.Engine, s, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(6));
        Assert.True(healthy, status);
        Assert.Equal("ACTIVE", s.State);
        Assert.True(s.Journal.Writable);
    }

    [Fact]
    public void A_snapshot_older_than_the_stall_limit_is_a_stalled_loop()
    {
        Tick();

        var (healthy, status, age) = Readiness.Liveness(_host.Engine, _snapshots.Latest, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(6));

        Assert.False(healthy);
        Assert.Equal("stalled", status);
        Assert.True(age >= 10);
    }

    [Fact]
    public void A_loop_the_watchdog_marked_stalled_is_never_healthy_even_with_a_fresh_snapshot()
    {
        Tick();
        _host.Loop.MarkStalled();

        var (healthy, status, _) = Readiness.Liveness(_host.Engine, _snapshots.Latest, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(6));

        Assert.False(healthy);
        Assert.Equal("stalled", status);
        Assert.Equal("STALLED", _host.Engine.DisplayState);
    }
}
