using Bookmaker.Core.Values;

namespace Bookmaker.Core.Fees;

/// <summary>
/// What one side of one fill pays and earns. Fee and rebate are kept apart (never netted) so a rebate can never hide
/// a fee; both are non-negative.
/// </summary>
/// <param name="Fee">
/// The fee's value in quote currency (≥ 0). Paid in cash unless <paramref name="FeeShares"/> is positive; then the venue
/// kept shares instead and this is their value at the fill price (<see cref="ShareFee.ValueOf"/>), for fee totals.
/// </param>
/// <param name="Rebate">Credited to the order's owner, in quote currency (≥ 0).</param>
/// <param name="FeeShares">
/// Shares the venue withheld from a BUY as its fee (≥ 0): Polymarket collects a taker BUY's fee in the bought token,
/// so the buyer receives size − <paramref name="FeeShares"/>. Zero for fees paid in cash.
/// </param>
public readonly record struct FeeCharge(Money Fee, Money Rebate, Quantity FeeShares = default)
{
    /// <summary>No fee, no rebate.</summary>
    public static FeeCharge None => default;

    /// <summary>The part of the fee that leaves the cash balance: the fee, unless it was collected in shares.</summary>
    public Money CashFee => FeeShares.Raw > 0 ? Money.Zero : Fee;
}
