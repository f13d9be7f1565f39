using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Running;

/// <summary>
/// Reads, from an existing journal, the halts a new run must inherit before any strategy starts: an unreset daily-loss
/// breach and an operator or kill-switch halt nobody resumed (<see cref="JournalRecovery.IsPersistentHalt"/>). Only the
/// state and operator entries are read, so a large journal starts quickly.
/// </summary>
internal static class StartupHalts
{
    public static PersistedHalts Read(string journalPath)
    {
        if (!File.Exists(journalPath) || new FileInfo(journalPath).Length == 0) return PersistedHalts.None;
        using var reader = JournalReader.Open(journalPath);
        var entries = reader.ReadByKind(JournalKind.TradingState).Concat(reader.ReadByKind(JournalKind.OperatorCommand))
            .OrderBy(r => r.Sequence).Select(r => r.Entry).ToList();
        return PersistedHalts.From(JournalRecovery.Recover(entries, new InstrumentRegistry()));
    }
}
