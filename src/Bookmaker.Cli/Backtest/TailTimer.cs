namespace Bookmaker.Cli.Backtest;

/// <summary>
/// Ends the replay one second of simulated time after the recording's last message: a timer on the simulated clock,
/// so the end falls on the same event every run (a wall-clock check would not).
/// </summary>
internal sealed class TailTimer(TimeProvider clock, CancellationTokenSource stop) : IDisposable
{
    private ITimer? _timer;

    public static readonly TimeSpan Tail = TimeSpan.FromSeconds(1);

    public void Arm() => _timer ??= clock.CreateTimer(_ => stop.Cancel(), null, Tail, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer?.Dispose();
}
