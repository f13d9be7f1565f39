using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Tests.Kernel;

namespace Bookmaker.Engine.Tests.Faults;

/// <summary>The event loop as the fault boundary.</summary>
public sealed class EventLoopFaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);

    private sealed class Consumer(bool canHandle) : IEventConsumer
    {
        public List<string> Seen { get; } = [];

        public void OnMarketData(in Venues.MarketDataEvent e) => Seen.Add("md");

        public void OnExecutionReport(Core.Orders.ExecutionReport report) => Seen.Add("report");

        public void OnRequestFailed(Venues.VenueRequestFailed failure) => Seen.Add("failed");

        public void OnVenueStatus(Venues.VenueStatusEvent status) => Seen.Add("status");

        public void OnAccountSnapshot(Venues.AccountSnapshot snapshot) => Seen.Add("snapshot");

        public void OnTimer(in TimerEvent timer) => Seen.Add("timer");

        public void OnCommand(OperatorCommand command)
        {
            if (command.Actor == "bad") throw new InvalidOperationException("handler bug");
            Seen.Add("command " + command.Actor);
        }

        public void OnFault(Exception exception, LoopActivity activity)
        {
            if (!canHandle) throw new InvalidOperationException("cannot recover");
            Seen.Add($"fault {activity} {exception.Message}");
        }
    }

    [Fact]
    public void A_handler_exception_reaches_the_consumer_and_the_loop_goes_on()
    {
        var loop = new EventLoop(new SimulatedTimeProvider(Start));
        var c = new Consumer(canHandle: true);
        loop.Attach(c);
        loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "bad"));
        loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "good"));

        loop.DrainPending();

        Assert.Equal(["fault Command handler bug", "command good"], c.Seen);
        Assert.True(loop.IsAlive);
    }

    [Fact]
    public void A_consumer_that_cannot_handle_its_fault_leaves_the_loop_dead()
    {
        var loop = new EventLoop(new SimulatedTimeProvider(Start));
        var c = new Consumer(canHandle: false);
        loop.Attach(c);
        loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "bad"));
        loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "good"));

        Assert.Throws<EventLoopDeadException>(() => loop.DrainPending());

        Assert.False(loop.IsAlive);
        Assert.NotNull(loop.DeadReason);
        Assert.Throws<EventLoopDeadException>(() => loop.DrainPending());
        Assert.DoesNotContain("command good", c.Seen);
    }

    [Fact]
    public async Task A_stopped_live_loop_is_no_longer_alive()
    {
        var loop = new EventLoop(TimeProvider.System);
        loop.Attach(new RecordingConsumer(TimeProvider.System));
        using var cts = new CancellationTokenSource();
        var run = loop.RunAsync(cts.Token);
        Assert.True(loop.IsAlive);

        await cts.CancelAsync();
        await run;

        Assert.False(loop.IsAlive);
    }
}
