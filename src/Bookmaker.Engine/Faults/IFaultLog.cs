namespace Bookmaker.Engine.Faults;

/// <summary>
/// Where fault details go: stack traces and the context of every fault the engine caught, so the operator's screen
/// gets one clear line and the details stay on disk. Implementations must be thread-safe and must never throw.
/// </summary>
public interface IFaultLog
{
    /// <summary>Path of the log, or null when nothing is kept.</summary>
    string? Path { get; }

    /// <summary>Records one fault: a one-line headline and, optionally, the exception with its stack trace.</summary>
    void Write(string headline, Exception? exception = null);
}

/// <summary>A fault log that keeps the last entries in memory (tests, and engines built without a file).</summary>
public sealed class MemoryFaultLog : IFaultLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _entries = [];

    /// <inheritdoc />
    public string? Path => null;

    /// <summary>Headlines written so far.</summary>
    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_gate) return [.. _entries];
        }
    }

    /// <inheritdoc />
    public void Write(string headline, Exception? exception = null)
    {
        lock (_gate)
        {
            if (_entries.Count >= 1000) _entries.RemoveAt(0);
            _entries.Add(headline);
        }
    }
}
