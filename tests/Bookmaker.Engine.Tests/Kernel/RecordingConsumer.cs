using Bookmaker.Core.Orders;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Tests.Kernel;

/// <summary>Writes one line per processed event, so two runs can be compared exactly.</summary>
internal sealed class RecordingConsumer(TimeProvider time) : IEventConsumer
{
    public List<string> Log { get; } = [];

    public Action<string>? OnEach { get; set; }

    private void Add(string line)
    {
        string entry = $"{time.GetUtcNow().UtcTicks} {line}";
        Log.Add(entry);
        OnEach?.Invoke(line);
    }

    public void OnMarketData(in MarketDataEvent e) => Add($"md {e.Kind} {e.InstrumentIndex} {e.Side} {e.Price} {e.Size} {e.Sequence}");

    public void OnExecutionReport(ExecutionReport report) => Add($"exec {report.Kind} {report.OrderId}");

    public void OnRequestFailed(VenueRequestFailed failure) => Add($"failed {failure.Endpoint} {failure.HttpStatus}");

    public void OnVenueStatus(VenueStatusEvent status) => Add($"status {status.State}");

    public void OnAccountSnapshot(AccountSnapshot snapshot) => Add($"snapshot {snapshot.RequestId}");

    public void OnTimer(in TimerEvent timer) => Add($"timer {timer.TimerId} {timer.Purpose} {timer.Payload} {timer.DueTicks}");

    public void OnCommand(OperatorCommand command) => Add($"command {command.Kind} {command.Actor}");

    public void OnFault(Exception exception, LoopActivity activity) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
}
