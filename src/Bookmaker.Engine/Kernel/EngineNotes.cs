using Bookmaker.Engine.Journal;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The kernel's journal notes: one payload builder and the engine clock shared by the kernel's parts, so each part
/// writes its notes the same way and their bytes do not depend on which part wrote them.
/// </summary>
/// <remarks>Runs on the loop only (the payload builder is reused).</remarks>
internal sealed class EngineNotes(IJournal journal, TimeProvider time) : IDisposable
{
    /// <summary>The reused payload builder (for entries that are not plain notes, such as the P&amp;L snapshot).</summary>
    public JournalPayload Payload { get; } = new();

    /// <summary>The journal the kernel writes to.</summary>
    public IJournal Journal => journal;

    /// <summary>Appends a note <paramref name="text"/> with <paramref name="fields"/>, stamped with the engine clock.</summary>
    public void Note(string text, params ReadOnlySpan<(string Key, string Value)> fields) =>
        journal.Append(new JournalEntry(time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, Payload.Text(text, fields)));

    /// <summary>Appends an entry of <paramref name="kind"/> whose payload is <paramref name="text"/> with <paramref name="fields"/>.</summary>
    public void Append(JournalKind kind, string text, params ReadOnlySpan<(string Key, string Value)> fields) =>
        journal.Append(new JournalEntry(time.GetUtcNow().UtcTicks, kind, 0, null, Payload.Text(text, fields)));

    /// <inheritdoc />
    public void Dispose() => Payload.Dispose();
}
