using System.Globalization;
using System.Text;

namespace Bookmaker.Engine.Faults;

/// <summary>
/// The fault log on disk (<c>bookmaker-faults.log</c> beside the journal unless <c>Engine:LogDirectory</c> says
/// otherwise): UTC wall time, process id, the headline and the full exception. Appends and flushes each entry at once —
/// a fault is usually followed by an exit. Never throws: a log that cannot be written must not turn one fault into two.
/// </summary>
public sealed class FaultLogFile : IFaultLog
{
    private readonly Lock _gate = new();

    /// <summary>A log at <paramref name="path"/> (created on first write).</summary>
    public FaultLogFile(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The conventional file name.</summary>
    public const string FileName = "bookmaker-faults.log";

    /// <inheritdoc />
    public string? Path { get; }

    /// <inheritdoc />
    public void Write(string headline, Exception? exception = null)
    {
        var sb = new StringBuilder();
        sb.Append(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)).Append(" pid=")
          .Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Append(' ').AppendLine(headline);
        if (exception is not null) sb.AppendLine(exception.ToString());
        try
        {
            lock (_gate)
            {
                string? dir = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                File.AppendAllText(Path!, sb.ToString());
            }
        }
#pragma warning disable CA1031 // The log is best effort by contract: the caller is already handling a fault.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
