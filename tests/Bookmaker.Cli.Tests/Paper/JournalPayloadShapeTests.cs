using System.Text;
using System.Text.Json;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests.Paper;

/// <summary>Every payload a paper run journals is one JSON object whose keys are unique at every level.</summary>
public sealed class JournalPayloadShapeTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Every_payload_of_a_paper_run_is_a_json_object_with_unique_keys()
    {
        string journal = Path.Combine(_cli.Directory, "j.db");
        // A few feed disconnects make the venue report status changes with a text, beside the usual traffic.
        var r = _cli.Run("paper", "--speed", "max", "--duration", "2m", "--markets", "3", "--seed", "11", "--journal", journal,
            "--faults", "feed.disconnect=0.0005:1s");
        Assert.True(r.ExitCode == 0, r.Stderr);

        using var reader = JournalReader.Open(journal);
        var problems = new List<string>();
        int payloads = 0;
        var kinds = new HashSet<JournalKind>();
        foreach (var record in reader.ReadAll())
        {
            payloads++;
            kinds.Add(record.Entry.Kind);
            if (DuplicateKeyIn(record.Entry.Payload) is { } problem) problems.Add($"#{record.Sequence} {record.Entry.Kind}: {problem} in {record.Entry.Payload}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
        Assert.True(payloads > 500, $"only {payloads} entries: the run should have traded");
        Assert.Contains(JournalKind.Fill, kinds);
        Assert.Contains(reader.ReadByKind(JournalKind.Note), n => n.Entry.Payload.Contains("\"venue_status\"", StringComparison.Ordinal));
    }

    /// <summary>Null when <paramref name="payload"/> is a JSON object with unique keys in every object; else what is wrong.</summary>
    private static string? DuplicateKeyIn(string payload)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "not a JSON object";
            var open = new Stack<HashSet<string>>();
            open.Push(new HashSet<string>(StringComparer.Ordinal));
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        string name = reader.GetString()!;
                        if (!open.Peek().Add(name)) return $"key '{name}' twice";
                        break;
                    case JsonTokenType.StartObject:
                        open.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        open.Pop();
                        break;
                }
            }

            return null;
        }
        catch (JsonException e)
        {
            return "not valid JSON: " + e.Message;
        }
    }
}
