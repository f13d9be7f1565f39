using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bookmaker.Storage.Journal;

/// <summary>What one compaction request did (see <see cref="SqliteJournal.RequestCompaction"/>).</summary>
/// <param name="RollTicks">Engine-clock time of the day roll that asked for it.</param>
/// <param name="CutSequence">Entries up to this sequence were considered; later ones were left alone.</param>
/// <param name="Performed">False when the live file was at or under <see cref="SqliteJournalOptions.CompactAbove"/>.</param>
/// <param name="EntriesMoved">Entries copied to the archive and deleted from the live file.</param>
/// <param name="BytesBefore">Size of the live database before (pages × page size).</param>
/// <param name="BytesAfter">Size of the live database after space was reclaimed.</param>
/// <param name="ArchivePath">The archive written, or null.</param>
/// <param name="ArchivesDeleted">Archives deleted because they were older than the retention.</param>
/// <param name="Steps">Pieces of work the writer did between batches.</param>
/// <param name="Elapsed">Wall time from start to end, batches in between included.</param>
/// <param name="LongestStep">The longest single piece: the longest a batch waited behind the compaction.</param>
/// <param name="Error">Why it stopped early (the live file stays consistent: a row leaves it only once archived), or null.</param>
public sealed record JournalCompaction(
    long RollTicks,
    long CutSequence,
    bool Performed,
    long EntriesMoved,
    long BytesBefore,
    long BytesAfter,
    string? ArchivePath,
    IReadOnlyList<string> ArchivesDeleted,
    int Steps,
    TimeSpan Elapsed,
    TimeSpan LongestStep,
    string? Error)
{
    /// <summary>True when the work was done, or there was nothing to do.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The payload of the <c>Note</c> entry journaled afterwards (compact JSON, fixed field order).</summary>
    public string ToNotePayload()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", Error is not null ? "journal compaction failed" : Performed ? "journal compacted" : "journal archives expired");
            json.WriteNumber("cut_seq", CutSequence);
            json.WriteNumber("moved", EntriesMoved);
            json.WriteNumber("bytes_before", BytesBefore);
            json.WriteNumber("bytes_after", BytesAfter);
            json.WriteString("archive", ArchivePath ?? "");
            json.WriteStartArray("archives_deleted");
            foreach (string path in ArchivesDeleted) json.WriteStringValue(path);
            json.WriteEndArray();
            json.WriteString("elapsed_ms", Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
            json.WriteString("longest_step_ms", LongestStep.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
            if (Error is not null) json.WriteString("error", Error);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>Arguments of <see cref="SqliteJournal.Compacted"/>.</summary>
public sealed class JournalCompactedEventArgs(JournalCompaction compaction) : EventArgs
{
    /// <summary>What the compaction did.</summary>
    public JournalCompaction Compaction { get; } = compaction;
}
