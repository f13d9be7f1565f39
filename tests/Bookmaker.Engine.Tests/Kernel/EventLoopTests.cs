using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Tests.Kernel;

public class EventLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly InstrumentId Token = new(VenueNames.Simulated, "YES");

    private static MarketDataEvent Level(int seq) =>
        new(MarketDataKind.LevelUpdate, 0, Side.Buy, Price.Parse("0.5"), Quantity.FromUnits(seq), seq, 0, 0, 0);

    [Fact]
    public void Processes_commands_then_order_events_then_timers_then_market_data()
    {
        var clock = new SimulatedTimeProvider(Start);
        var loop = new EventLoop(clock);
        var consumer = new RecordingConsumer(clock);
        loop.Attach(consumer);

        loop.OnMarketData(Level(1));
        loop.ScheduleTimer(TimeSpan.Zero, TimeSpan.Zero, purpose: 7);
        clock.Advance(TimeSpan.Zero);
        loop.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, ClientOrderId.From(1, 1), Token, "v1", RejectReason.None, null, null, null, Start));
        loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "test"));

        loop.DrainPending();

        Assert.Collection(consumer.Log,
            l => Assert.Contains("command Halt", l, StringComparison.Ordinal),
            l => Assert.Contains("exec Accepted", l, StringComparison.Ordinal),
            l => Assert.Contains("timer", l, StringComparison.Ordinal),
            l => Assert.Contains("md LevelUpdate", l, StringComparison.Ordinal));
        Assert.Equal(4, loop.ProcessedCount);
    }

    [Fact]
    public void Command_posted_by_a_handler_runs_before_remaining_market_data()
    {
        var clock = new SimulatedTimeProvider(Start);
        var loop = new EventLoop(clock);
        var consumer = new RecordingConsumer(clock);
        consumer.OnEach = line =>
        {
            if (line.StartsWith("md", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal))
                loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "risk"));
        };
        loop.Attach(consumer);
        loop.OnMarketData(Level(1));
        loop.OnMarketData(Level(2));

        loop.DrainPending();

        Assert.Contains("command Halt", consumer.Log[1], StringComparison.Ordinal);
        Assert.Contains("md LevelUpdate", consumer.Log[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Same_seed_and_inputs_give_the_same_event_sequence()
    {
        Assert.Equal(RunSeeded(42), RunSeeded(42));
        Assert.NotEqual(RunSeeded(42), RunSeeded(43));
    }

    private static List<string> RunSeeded(int seed)
    {
        var clock = new SimulatedTimeProvider(Start);
        var loop = new EventLoop(clock);
        var consumer = new RecordingConsumer(clock);
        loop.Attach(consumer);
        var rng = new Random(seed);
        int seq = 0;
        // A toy venue: on every tick it publishes a random number of level updates and sometimes a fill report.
        using var tick = clock.CreateTimer(_ =>
        {
            int n = rng.Next(0, 4);
            for (int i = 0; i < n; i++) loop.OnMarketData(Level(++seq));
            if (rng.NextDouble() < 0.2)
                loop.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, ClientOrderId.From(1, (ulong)seq), Token, null, RejectReason.None, null, null, null, clock.GetUtcNow()));
        }, null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(rng.Next(5, 50)));
        loop.ScheduleTimer(TimeSpan.FromMilliseconds(333), TimeSpan.FromMilliseconds(250), purpose: 1);

        new SimulationDriver(loop, clock).RunFor(TimeSpan.FromSeconds(5));

        return consumer.Log;
    }

    [Fact]
    public void Simulation_driver_stops_at_the_end_time_with_clock_there()
    {
        var clock = new SimulatedTimeProvider(Start);
        var loop = new EventLoop(clock);
        var consumer = new RecordingConsumer(clock);
        loop.Attach(consumer);
        loop.ScheduleTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), purpose: 1);

        new SimulationDriver(loop, clock).RunFor(TimeSpan.FromSeconds(3.5));

        Assert.Equal(3, consumer.Log.Count);
        Assert.Equal(Start.AddSeconds(3.5), clock.GetUtcNow());
    }

    [Fact]
    public async Task Live_loop_processes_events_posted_from_other_threads_in_order()
    {
        var loop = new EventLoop(TimeProvider.System);
        var consumer = new RecordingConsumer(TimeProvider.System);
        var done = new TaskCompletionSource();
        consumer.OnEach = line => { if (line.EndsWith(" 500", StringComparison.Ordinal)) done.TrySetResult(); };
        loop.Attach(consumer);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = Task.Run(() => loop.RunAsync(cts.Token));

        await Task.Run(() => { for (int i = 1; i <= 500; i++) loop.OnMarketData(Level(i)); });
        await done.Task.WaitAsync(cts.Token);
        await cts.CancelAsync();
        await run;

        Assert.Equal(500, consumer.Log.Count);
        for (int i = 0; i < 500; i++) Assert.EndsWith($" {i + 1}", consumer.Log[i], StringComparison.Ordinal);
    }

    [Fact]
    public void Fired_and_disposed_timers_are_forgotten()
    {
        var clock = new SimulatedTimeProvider(Start);
        var loop = new EventLoop(clock);
        loop.Attach(new RecordingConsumer(clock));
        for (int i = 0; i < 100; i++) loop.ScheduleTimer(TimeSpan.FromSeconds(1), TimeSpan.Zero, purpose: 1);
        for (int i = 0; i < 100; i++) loop.ScheduleTimer(TimeSpan.FromHours(1), TimeSpan.Zero, purpose: 2).Dispose();
        var periodic = loop.ScheduleTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), purpose: 3);

        new SimulationDriver(loop, clock).RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal(1, loop.PendingTimers);
        periodic.Dispose();
        Assert.Equal(0, loop.PendingTimers);
    }

    [Fact]
    public void Disposed_timer_delivers_no_event()
    {
        var clock = new SimulatedTimeProvider(Start);
        var loop = new EventLoop(clock);
        var consumer = new RecordingConsumer(clock);
        loop.Attach(consumer);
        loop.ScheduleTimer(TimeSpan.FromSeconds(1), TimeSpan.Zero, purpose: 1).Dispose();

        new SimulationDriver(loop, clock).RunFor(TimeSpan.FromSeconds(2));

        Assert.Empty(consumer.Log);
    }
}
