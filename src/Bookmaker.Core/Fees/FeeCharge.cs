using Bookmaker.Core.Values;

namespace Bookmaker.Core.Fees;

/// <summary>
/// What one side of one fill pays and earns. Fee and rebate are kept apart (never netted) so a rebate can never hide
/// a fee; both are non-negative.
/// </summary>
/// <param name="Fee">Charged to the order's owner, in quote currency (≥ 0).</param>
/// <param name="Rebate">Credited to the order's owner, in quote currency (≥ 0).</param>
public readonly record struct FeeCharge(Money Fee, Money Rebate)
{
    /// <summary>No fee, no rebate.</summary>
    public static FeeCharge None => default;
}
