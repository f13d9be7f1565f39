using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Portfolio;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// Books the funding payments of perpetual positions, on the loop: into the ledger as cash on the funding line (each
/// venue id once, whatever the stream or the REST catch-up repeats), into the journal (so a restart books them again),
/// and to the gate with the account's new totals — funding paid is money lost, and counts against the daily loss limit
/// like any other.
/// </summary>
internal sealed class FundingBooking(InstrumentRegistry instruments, PortfolioBook portfolio, OrderManager orders, EngineNotes notes, TimeProvider time)
{
    /// <summary>Payments repeated by the venue (already booked): counted, not booked.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Books <paramref name="payment"/>; false for a repeat or an instrument this engine does not trade.</summary>
    public bool Book(FundingPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (!instruments.TryGet(payment.Instrument, out _))
        {
            notes.Note("funding_ignored", ("instrument", payment.Instrument.ToString()), ("id", payment.PaymentId), ("amount", payment.Amount.ToString()));
            return false;
        }

        if (!portfolio.ApplyFunding(payment))
        {
            Duplicates++;
            return false;
        }

        notes.Journal.Append(new JournalEntry(time.GetUtcNow().UtcTicks, JournalKind.Funding, 0, payment.Instrument.ToString(), Payload(notes.Payload, payment)));
        orders.PushAccount();
        return true;
    }

    /// <summary>The journal payload of a payment: its venue id, signed amount and settlement time (UTC ticks).</summary>
    public static string Payload(JournalPayload payload, FundingPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(payment);
        var w = payload.Begin();
        w.WriteString("id", payment.PaymentId);
        w.WriteString("amount", payment.Amount.ToString());
        w.WriteString("at", payment.Timestamp.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return payload.End();
    }
}
