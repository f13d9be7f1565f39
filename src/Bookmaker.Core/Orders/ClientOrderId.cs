namespace Bookmaker.Core.Orders;

/// <summary>
/// Our id for an order, chosen before the request leaves so a timed-out request can still be found. It packs a
/// session epoch (bumped and journaled at every start) with a per-session sequence, so ids stay unique across
/// restarts without a clock or a random number, and two runs with the same inputs produce the same ids.
/// </summary>
public readonly record struct ClientOrderId(ulong Value) : IComparable<ClientOrderId>
{
    /// <summary>Bits of <see cref="Value"/> given to the sequence; the rest hold the session epoch.</summary>
    public const int SequenceBits = 40;

    /// <summary>Builds an id from a session epoch and a sequence number.</summary>
    public static ClientOrderId From(uint epoch, ulong sequence)
    {
        if (sequence >= 1UL << SequenceBits) throw new ArgumentOutOfRangeException(nameof(sequence), "sequence exhausted for this epoch");
        if (epoch >= 1U << (64 - SequenceBits)) throw new ArgumentOutOfRangeException(nameof(epoch), "epoch too large");
        return new ClientOrderId(((ulong)epoch << SequenceBits) | sequence);
    }

    /// <summary>The session epoch the id was issued in.</summary>
    public uint Epoch => (uint)(Value >> SequenceBits);

    /// <summary>The sequence within the epoch.</summary>
    public ulong Sequence => Value & ((1UL << SequenceBits) - 1);

    /// <summary>True for the default (unset) id.</summary>
    public bool IsEmpty => Value == 0;

    /// <inheritdoc />
    public int CompareTo(ClientOrderId other) => Value.CompareTo(other.Value);

#pragma warning disable CS1591
    public static bool operator <(ClientOrderId a, ClientOrderId b) => a.Value < b.Value;
    public static bool operator >(ClientOrderId a, ClientOrderId b) => a.Value > b.Value;
    public static bool operator <=(ClientOrderId a, ClientOrderId b) => a.Value <= b.Value;
    public static bool operator >=(ClientOrderId a, ClientOrderId b) => a.Value >= b.Value;
#pragma warning restore CS1591

    /// <summary>Text form <c>bm-&lt;epoch&gt;-&lt;sequence&gt;</c>, valid as a Bybit orderLinkId (≤ 36 chars).</summary>
    public override string ToString() => $"bm-{Epoch}-{Sequence}";

    /// <summary>Parses the text form.</summary>
    public static bool TryParse(string? text, out ClientOrderId id)
    {
        id = default;
        if (text is null || !text.StartsWith("bm-", StringComparison.Ordinal)) return false;
        int dash = text.IndexOf('-', 3);
        if (dash < 0) return false;
        if (!uint.TryParse(text.AsSpan(3, dash - 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint epoch)) return false;
        if (!ulong.TryParse(text.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong seq)) return false;
        if (seq >= 1UL << SequenceBits || epoch >= 1U << (64 - SequenceBits)) return false;
        id = From(epoch, seq);
        return true;
    }
}
