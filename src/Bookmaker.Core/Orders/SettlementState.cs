namespace Bookmaker.Core.Orders;

/// <summary>
/// Where a fill's trade stands on its way to final settlement (Polymarket's trade ladder: MATCHED → MINED → CONFIRMED,
/// or RETRYING → FAILED). Venues that settle at the match (the simulated venue, Bybit) report every fill
/// <see cref="Confirmed"/> at once. The order of the values is the ladder's: a later value is never replaced by an
/// earlier one, except that RETRYING may still end CONFIRMED.
/// </summary>
public enum SettlementState : byte
{
    /// <summary>Matched off-chain; the settlement transaction is not yet mined. The fill counts in P&amp;L and risk at once.</summary>
    Matched = 0,

    /// <summary>The settlement transaction is mined but not yet final.</summary>
    Mined = 1,

    /// <summary>The venue is retrying the settlement transaction (a WARNING while it lasts).</summary>
    Retrying = 2,

    /// <summary>Settled for good: the shares are ours to sell.</summary>
    Confirmed = 3,

    /// <summary>Settlement failed for good: the fill is reversed.</summary>
    Failed = 4,
}

/// <summary>Names and parsing of <see cref="SettlementState"/> (venue words and journal words).</summary>
public static class SettlementStates
{
    /// <summary>True for the two terminal states.</summary>
    public static bool IsFinal(this SettlementState state) => state is SettlementState.Confirmed or SettlementState.Failed;

    /// <summary>The lower-case word the journal writes.</summary>
    public static string JournalName(this SettlementState state) => state switch
    {
        SettlementState.Matched => "matched",
        SettlementState.Mined => "mined",
        SettlementState.Retrying => "retrying",
        SettlementState.Confirmed => "confirmed",
        _ => "failed",
    };

    /// <summary>
    /// Parses a journal word or a venue status (<c>MATCHED</c>, <c>TRADE_STATUS_MINED</c>, …), case-insensitively.
    /// </summary>
    public static bool TryParse(string? text, out SettlementState state)
    {
        string s = text ?? "";
        if (s.StartsWith("TRADE_STATUS_", StringComparison.OrdinalIgnoreCase)) s = s["TRADE_STATUS_".Length..];
        switch (s.ToUpperInvariant())
        {
            case "MATCHED": state = SettlementState.Matched; return true;
            case "MINED": state = SettlementState.Mined; return true;
            case "RETRYING": state = SettlementState.Retrying; return true;
            case "CONFIRMED": state = SettlementState.Confirmed; return true;
            case "FAILED": state = SettlementState.Failed; return true;
            default: state = SettlementState.Matched; return false;
        }
    }
}
