using Bookmaker.Engine.Journal;

namespace Bookmaker.Storage.Tests;

internal static class Entries
{
    public const long T0 = 638_712_864_000_000_000; // 2025-01-01T00:00:00Z

    public static JournalEntry Note(int n) => new(T0 + n, JournalKind.Note, 0, null, $"{{\"n\":{n}}}");

    public static JournalEntry Order(int n, JournalKind kind, ulong orderId, string instrument = "polymarket:YES") =>
        new(T0 + n, kind, orderId, instrument, $"{{\"n\":{n}}}");
}
