namespace Bookmaker.Engine.Faults;

/// <summary>What failed when the engine failed closed. Each kind has its own documented exit code in the CLI.</summary>
public enum EngineFaultKind
{
    /// <summary>Our own code threw (engine core, or a fault handler).</summary>
    Code,

    /// <summary>The journal can no longer write (writer failed, file removed, disk full).</summary>
    Journal,

    /// <summary>The journal's volume fell below its free-space floor.</summary>
    Disk,

    /// <summary>The system clock jumped (against the monotonic clock).</summary>
    Clock,

    /// <summary>The event loop made no progress for the stall timeout.</summary>
    Stall,
}

/// <summary>
/// Why the engine failed closed: one line for the operator (<see cref="Message"/>, never a stack trace, never a secret)
/// and the exception, if any, for the fault log.
/// </summary>
/// <param name="Kind">What failed.</param>
/// <param name="Message">One line saying what happened.</param>
/// <param name="Exception">The exception behind it, written to the fault log only.</param>
public sealed record EngineFault(EngineFaultKind Kind, string Message, Exception? Exception = null)
{
    /// <summary>The code journaled as the halt reason, e.g. <c>engine_fault:journal</c>.</summary>
    public string ReasonCode => "engine_fault:" + Kind.ToString().ToLowerInvariant();

    /// <summary>The first line of an exception message (messages can span lines; the operator gets one).</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        int nl = text.AsSpan().IndexOfAny('\r', '\n');
        return nl < 0 ? text : text[..nl];
    }

    /// <summary>A one-line description of an exception: type and first message line.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.GetType().Name + ": " + OneLine(exception.Message);
    }
}
