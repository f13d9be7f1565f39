using System.Globalization;
using Bookmaker.Engine.Journal;

namespace Bookmaker.Storage.CrashHost;

/// <summary>The entry the crash host writes for each sequence, so the test can check every stored row exactly.</summary>
public static class CrashEntries
{
    /// <summary>Deterministic entry for <paramref name="sequence"/>.</summary>
    public static JournalEntry For(long sequence) => new(
        TimeTicks: 638_000_000_000_000_000 + sequence,
        Kind: (sequence % 3) switch { 0 => JournalKind.OrderIntent, 1 => JournalKind.OrderState, _ => JournalKind.Fill },
        OrderId: (ulong)(sequence / 3 + 1),
        Instrument: "simulated:YES",
        Payload: string.Create(CultureInfo.InvariantCulture, $"{{\"n\":{sequence},\"pad\":\"crash-safety-check\"}}"));
}
