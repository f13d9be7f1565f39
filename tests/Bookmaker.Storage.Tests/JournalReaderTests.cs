using System.Text;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Storage.Tests;

public sealed class JournalReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task Write(string path, params JournalEntry[] entries)
    {
        await using var journal = SqliteJournal.Open(path);
        foreach (var e in entries) journal.Append(e);
    }

    private static readonly ulong OrderA = ClientOrderId.From(1, 1).Value;
    private static readonly ulong OrderB = ClientOrderId.From(1, 2).Value;

    private Task WriteSample() => Write(_dir.File(),
        Entries.Order(1, JournalKind.OrderIntent, OrderA),
        Entries.Order(2, JournalKind.OrderIntent, OrderB),
        Entries.Order(3, JournalKind.Fill, OrderA),
        Entries.Note(4),
        Entries.Order(5, JournalKind.OrderState, OrderA));

    [Fact]
    public async Task ReadByOrder_returns_one_orders_entries_in_sequence_order()
    {
        await WriteSample();
        using var reader = JournalReader.Open(_dir.File());
        Assert.Equal([1L, 3L, 5L], reader.ReadByOrder(OrderA).Select(r => r.Sequence));
    }

    [Fact]
    public async Task ReadByKind_returns_only_that_kind()
    {
        await WriteSample();
        using var reader = JournalReader.Open(_dir.File());
        Assert.Equal([1L, 2L], reader.ReadByKind(JournalKind.OrderIntent).Select(r => r.Sequence));
    }

    [Fact]
    public async Task ReadSince_returns_entries_after_the_given_sequence()
    {
        await WriteSample();
        using var reader = JournalReader.Open(_dir.File());
        Assert.Equal([4L, 5L], reader.ReadSince(3).Select(r => r.Sequence));
        Assert.Equal(5, reader.LastSequence());
        Assert.Equal(5, reader.Count());
    }

    [Fact]
    public async Task Canonical_export_writes_one_exact_line_per_entry()
    {
        await Write(_dir.File(),
            new JournalEntry(Entries.T0 + 1234567, JournalKind.OrderIntent, ClientOrderId.From(3, 17).Value, "polymarket:YES", "{\"px\":\"0.51\"}"),
            new JournalEntry(Entries.T0, JournalKind.Note, 0, null, "{\"a\":1,\n\"b\":2}"));
        using var reader = JournalReader.Open(_dir.File());
        var text = new StringWriter();
        reader.ExportCanonical(text);

        Assert.Equal(
            "1 2025-01-01T00:00:00.1234567Z OrderIntent bm-3-17 polymarket:YES {\"px\":\"0.51\"}\n" +
            "2 2025-01-01T00:00:00.0000000Z Note - - {\"a\":1,\\n\"b\":2}\n",
            text.ToString());
    }

    [Fact]
    public async Task Two_identical_runs_export_identical_bytes()
    {
        async Task<byte[]> Run(string name)
        {
            string path = _dir.File(name);
            await using (var journal = SqliteJournal.Open(path))
            {
                journal.StartSession("cfg-abc", seed: 42, "simulated", Entries.T0);
                for (int i = 1; i <= 500; i++) journal.Append(Entries.Order(i, (JournalKind)(10 + i % 4), (ulong)(i % 7)));
            }

            using var reader = JournalReader.Open(path);
            var stream = new MemoryStream();
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true)) reader.ExportCanonical(writer);
            return stream.ToArray();
        }

        byte[] first = await Run("a.db"), second = await Run("b.db");
        Assert.Equal(501, Encoding.UTF8.GetString(first).Count(c => c == '\n'));
        Assert.Equal(first, second);
    }
}
