using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// Who writes a journal: written beside it (<c>&lt;journal&gt;.holder.json</c>) by the process holding its
/// <see cref="JournalLock"/>, so other processes (<c>bookmaker risk halt</c>, a second engine being refused) can name
/// the running writer and find what it published in <see cref="Properties"/> (its kill-switch file, its
/// operator-request folder) instead of guessing from their own working directory.
/// </summary>
/// <param name="Pid">Process id of the writer.</param>
/// <param name="Host">Machine name of the writer.</param>
/// <param name="Mode">What the writer is (e.g. <c>paper</c>, <c>live</c>), free text.</param>
/// <param name="CommandLine">The writer's command line, secrets already redacted by the writer.</param>
/// <param name="StartedUtc">Wall-clock time the lock was taken (UTC): process metadata, not engine time.</param>
/// <param name="Properties">Free-form facts the writer publishes (paths, mode); never secrets.</param>
public sealed record JournalLockHolder(int Pid, string Host, string Mode, string CommandLine, DateTimeOffset StartedUtc,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>
    /// Stand-in when the lock is held but its holder file is absent or unreadable (a build without holder files, or a
    /// writer between taking the lock and writing the file).
    /// </summary>
    public static JournalLockHolder Unknown { get; } = new(0, "?", "?", "?", DateTimeOffset.MinValue, new Dictionary<string, string>());

    /// <summary>True for <see cref="Unknown"/>.</summary>
    public bool IsUnknown => Pid == 0;

    /// <summary>One line naming the holder, e.g. <c>pid 4242 on host h, mode paper, since 2026-01-05T14:00:00Z (bookmaker paper)</c>.</summary>
    public string Describe() => IsUnknown
        ? "a process that left no holder details"
        : string.Create(CultureInfo.InvariantCulture,
            $"pid {Pid} on host {Host}, mode {Mode}, since {StartedUtc.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ({CommandLine})");

    /// <summary>The holder file's JSON (UTF-8).</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("pid", Pid);
            json.WriteString("host", Host);
            json.WriteString("mode", Mode);
            json.WriteString("commandLine", CommandLine);
            json.WriteString("startedUtc", StartedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartObject("properties");
            foreach (var (key, value) in Properties.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses a holder file; null when it is not one (torn, foreign, empty).</summary>
    public static JournalLockHolder? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject()) properties[property.Name] = property.Value.ToString();
            }

            return new JournalLockHolder(
                root.GetProperty("pid").GetInt32(),
                root.GetProperty("host").GetString() ?? "",
                root.GetProperty("mode").GetString() ?? "",
                root.GetProperty("commandLine").GetString() ?? "",
                DateTimeOffset.Parse(root.GetProperty("startedUtc").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                properties);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    /// <summary>Text of <see cref="ToJson"/>, for logs and tests.</summary>
    public string ToJsonText() => Encoding.UTF8.GetString(ToJson());
}
