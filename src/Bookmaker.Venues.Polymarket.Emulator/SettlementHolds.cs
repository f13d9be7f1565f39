namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// Tokens that moved in trades not yet settled, per (account, token slot): <c>received</c> by a buyer (in the matching
/// engine's ledger already, but not sellable and not in the on-chain balance until the trade confirms) and
/// <c>delivered</c> by a seller (gone from the ledger, still in the on-chain balance until it confirms). The balance the
/// API reports is the on-chain one: ledger − received + delivered.
/// </summary>
internal sealed class SettlementHolds
{
    private readonly Dictionary<(int Account, int Slot), (long Received, long Delivered)> _holds = [];

    /// <summary>Adds a leg of an unsettled trade.</summary>
    public void Hold(int account, int slot, long received, long delivered) => Change(account, slot, received, delivered);

    /// <summary>Removes a leg (its trade confirmed or failed).</summary>
    public void Release(int account, int slot, long received, long delivered) => Change(account, slot, -received, -delivered);

    /// <summary>Tokens received in unsettled trades (raw).</summary>
    public long Received(int account, int slot) => _holds.GetValueOrDefault((account, slot)).Received;

    /// <summary>Tokens delivered in unsettled trades (raw).</summary>
    public long Delivered(int account, int slot) => _holds.GetValueOrDefault((account, slot)).Delivered;

    private void Change(int account, int slot, long received, long delivered)
    {
        var (r, d) = _holds.GetValueOrDefault((account, slot));
        r += received;
        d += delivered;
        if (r == 0 && d == 0) _holds.Remove((account, slot));
        else _holds[(account, slot)] = (r, d);
    }
}
