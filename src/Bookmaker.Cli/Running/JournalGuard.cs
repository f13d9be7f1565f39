using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Kernel;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Running;

/// <summary>
/// Watches the journal from the watchdog thread, once a second: the free space on its volume against
/// <c>Journal:MinFreeBytes</c> (a WARNING <c>journal_disk_low</c> under twice the floor, cleared above it; failing closed
/// at the floor, before SQLite fails and nothing more — not even the halt — can be recorded), and the file itself (SQLite
/// writes on into a deleted or replaced file's old inode and everything is lost at exit: that is a journal fault).
/// </summary>
internal sealed class JournalGuard
{
    private readonly EngineHost _host;
    private readonly JournalSpace _space;
    private readonly JournalFileWatch _file;
    private bool _lowRaised;
    private bool _failed;

    public JournalGuard(EngineHost host, string journalPath, long minFreeBytes)
    {
        _host = host;
        _space = new JournalSpace(journalPath, minFreeBytes);
        _file = new JournalFileWatch(journalPath);
    }

    /// <summary>The reading at start (the caller warns when it is already low).</summary>
    public JournalSpaceReading Initial => _space.Read();

    /// <summary>One check (watchdog thread).</summary>
    public void Check()
    {
        if (_failed) return;
        var state = _file.Check();
        if (state != JournalFileState.Present)
        {
            Fail(new EngineFault(EngineFaultKind.Journal, state == JournalFileState.Missing
                ? $"the journal file {_file.JournalPath} was removed while the engine was writing it"
                : $"the journal file {_file.JournalPath} was replaced while the engine was writing it"));
            return;
        }

        var reading = _space.Read();
        switch (reading.State)
        {
            case JournalSpaceState.Exhausted:
                Fail(new EngineFault(EngineFaultKind.Disk, reading + ": failing closed before the journal can no longer record"));
                break;
            case JournalSpaceState.Low when !_lowRaised:
                _lowRaised = true;
                Post(AlertSeverity.Warning, reading + ": free space is under twice Journal:MinFreeBytes; the engine fails closed at the floor");
                break;
            case JournalSpaceState.Ok when _lowRaised:
                _lowRaised = false;
                Post(AlertSeverity.Info, reading.ToString());
                break;
        }
    }

    private void Fail(EngineFault fault)
    {
        _failed = true;
        if (fault.Kind == EngineFaultKind.Journal)
        {
            _host.Journal.Fail(fault);
            return;
        }

        _host.Engine.MarkFaultPending();
        _host.Loop.Post(new OperatorCommand(OperatorCommandKind.FailClosed, "journal-guard") { Fault = fault });
    }

    private void Post(AlertSeverity severity, string text) =>
        _host.Loop.Post(new OperatorCommand(OperatorCommandKind.Alert, "journal-guard", text) { AlertCode = "journal_disk_low", AlertSeverity = severity });
}
