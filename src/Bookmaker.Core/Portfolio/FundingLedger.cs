using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The funding line of the ledger: every funding payment booked once (by its venue id), the net of them all and per
/// instrument. Kept apart from fees, rebates and realized trading P&amp;L, so a perpetual's carry shows as what it is.
/// <see cref="Portfolio.ApplyFunding"/> books into it and moves cash by the same amount; this class only remembers.
/// </summary>
/// <remarks>Not thread-safe: the event loop owns it with the portfolio.</remarks>
public sealed class FundingLedger
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<InstrumentId, Money> _byInstrument = [];

    /// <summary>Σ funding: positive when more was received than paid.</summary>
    public Money Net { get; private set; }

    /// <summary>Σ funding paid (a positive figure).</summary>
    public Money Paid { get; private set; }

    /// <summary>Σ funding received.</summary>
    public Money Received { get; private set; }

    /// <summary>Payments booked.</summary>
    public int Count => _seen.Count;

    /// <summary>Net funding of one instrument (zero when none).</summary>
    public Money Of(InstrumentId instrument) => _byInstrument.GetValueOrDefault(instrument);

    /// <summary>Instruments with funding booked, and their net.</summary>
    public IReadOnlyDictionary<InstrumentId, Money> ByInstrument => _byInstrument;

    /// <summary>True when this payment id was booked already.</summary>
    public bool HasBooked(string paymentId) => _seen.Contains(paymentId);

    /// <summary>Books a payment; false (nothing changes) for one booked before.</summary>
    internal bool Book(FundingPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (!_seen.Add(payment.PaymentId)) return false;
        Net += payment.Amount;
        if (payment.Amount.Raw < 0) Paid -= payment.Amount;
        else Received += payment.Amount;
        _byInstrument[payment.Instrument] = Of(payment.Instrument) + payment.Amount;
        return true;
    }
}
