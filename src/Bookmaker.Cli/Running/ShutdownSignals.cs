using System.Runtime.InteropServices;

namespace Bookmaker.Cli.Running;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM for every run mode: the first signal asks for the graceful stop — strategies stop,
/// everything is cancelled and confirmed by the venue, the journal is flushed, the summary written — by cancelling
/// <see cref="Token"/>; the process is kept alive for it. A second signal only says that the stop is under way; a third
/// gives up waiting (<c>onForce</c>: cancel through the venues, exit).
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _stderr;
    private readonly Action? _onForce;
    private int _count;

    public ShutdownSignals(TextWriter stderr, Action? onForce, CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _stderr = stderr;
        _onForce = onForce;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }

    /// <summary>Cancelled by the first signal (or the outer token).</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal received (SIGINT, SIGTERM), or null.</summary>
    public string? Received { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // keep the process alive: the graceful stop cancels every order first
        int n = Interlocked.Increment(ref _count);
        if (n == 1)
        {
            Received = context.Signal.ToString();
            _stop.Cancel();
        }
        else if (n == 2)
        {
            _stderr.WriteLine($"bookmaker: {context.Signal} again: stopping — cancelling every order and waiting for the venue to confirm (a third signal gives up waiting)");
        }
        else if (n == 3)
        {
            _onForce?.Invoke();
        }
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _stop.Dispose();
    }
}
