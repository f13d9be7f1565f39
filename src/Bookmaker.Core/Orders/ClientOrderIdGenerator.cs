namespace Bookmaker.Core.Orders;

/// <summary>
/// Issues <see cref="ClientOrderId"/>s for one session: a fixed epoch (the journal's last epoch + 1, given at start)
/// and a sequence that only grows, so no id repeats within a session or across sessions with distinct epochs.
/// Deterministic: the same epoch gives the same ids in the same order. Not thread-safe (the event loop owns it).
/// </summary>
public sealed class ClientOrderIdGenerator
{
    private ulong _next;

    /// <summary>Starts a session with <paramref name="epoch"/>; the first id has sequence 1 (sequence 0 is never issued, so no id is empty).</summary>
    public ClientOrderIdGenerator(uint epoch)
    {
        // Validates the epoch range once, up front, rather than on the first Next().
        _ = ClientOrderId.From(epoch, 1);
        Epoch = epoch;
        _next = 1;
    }

    /// <summary>A generator for the session after one whose epoch was <paramref name="lastEpoch"/>.</summary>
    public static ClientOrderIdGenerator AfterEpoch(uint lastEpoch) => new(checked(lastEpoch + 1));

    /// <summary>This session's epoch.</summary>
    public uint Epoch { get; }

    /// <summary>How many ids were issued.</summary>
    public ulong Issued => _next - 1;

    /// <summary>The next id. Throws only if the 2^40 sequence space of the epoch is exhausted (start a new epoch).</summary>
    public ClientOrderId Next()
    {
        var id = ClientOrderId.From(Epoch, _next);
        _next++;
        return id;
    }
}
