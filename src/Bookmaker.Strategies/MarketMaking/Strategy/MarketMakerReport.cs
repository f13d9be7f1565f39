using System.Text.Json;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>One of our orders as the report shows it.</summary>
/// <param name="Instrument">The token it rests on (YES, or NO for a complement-routed quote).</param>
/// <param name="Side">Side on that token.</param>
/// <param name="Price">Price on that token.</param>
/// <param name="Size">Remaining size.</param>
/// <param name="Level">Ladder level (0 = closest).</param>
/// <param name="RewardScore">S = ((v − s)/v)² × b × size (0 without reward parameters or outside v).</param>
/// <param name="Status">live, cancel_pending, retry_pending or exit.</param>
public sealed record QuoteReport(InstrumentId Instrument, Side Side, Price Price, Quantity Size, int Level, double RewardScore, string Status);

/// <summary>One market's state for the terminal view and the run summary.</summary>
/// <param name="Market">The quoted instrument.</param>
/// <param name="Quotes">Our orders (resting, in flight or awaiting a retry).</param>
/// <param name="Inventory">Net delta q in YES-equivalent shares (position for crypto).</param>
/// <param name="AverageEntry">Average entry of the position (YES terms), zero when flat.</param>
/// <param name="Fair">Last fair price (NaN before the first two-sided book).</param>
/// <param name="Reservation">Last reservation price r.</param>
/// <param name="HalfSpread">Last half-spread quoted around r.</param>
/// <param name="RewardScore">Q_min of the market's resting quotes.</param>
/// <param name="MarkoutBps">Size-weighted rolling markout per horizon (NaN when none completed).</param>
/// <param name="VolatilityBps">Annualised EWMA volatility of the fair price, bps.</param>
/// <param name="RequestsSaved">Requests avoided by keeping resting orders (2 per kept order).</param>
/// <param name="Submits">Orders sent.</param>
/// <param name="Cancels">Cancels sent.</param>
/// <param name="Denials">Orders the risk gate denied.</param>
/// <param name="PostOnlyRetries">Post-only retries sent.</param>
/// <param name="PostOnlyGiveUps">Post-only quotes given up after the last retry.</param>
/// <param name="ForcedExits">Taker exit orders sent.</param>
/// <param name="Protections">Protections active after the last cycle.</param>
/// <param name="InventoryTrims">Quotes cut down or not sent because, with every order of ours that can still fill on
/// that side, they would have taken |q| past the inventory limit.</param>
public sealed record MarketMakerMarketReport(
    InstrumentId Market,
    IReadOnlyList<QuoteReport> Quotes,
    Quantity Inventory,
    Price AverageEntry,
    double Fair,
    double Reservation,
    double HalfSpread,
    double RewardScore,
    IReadOnlyList<double> MarkoutBps,
    double VolatilityBps,
    long RequestsSaved,
    long Submits,
    long Cancels,
    long Denials,
    long PostOnlyRetries,
    long PostOnlyGiveUps,
    long ForcedExits,
    ActiveProtections Protections,
    long InventoryTrims = 0);

/// <summary>
/// The market maker's report: per market quotes, inventory, reward score, markouts, volatility, requests saved and
/// active protections, plus the summary figures <c>reward_score</c> (Σ Q_min), <c>markout_1s</c> (size-weighted
/// mean over markets of the first horizon) and <c>max_abs_inventory</c>.
/// </summary>
/// <param name="Markets">Per market.</param>
public sealed record MarketMakerReport(IReadOnlyList<MarketMakerMarketReport> Markets)
{
    /// <summary>Σ of the markets' Q_min.</summary>
    public double RewardScore => Markets.Sum(m => m.RewardScore);

    /// <summary>Mean first-horizon markout over the markets that have one (NaN when none).</summary>
    public double Markout1s
    {
        get
        {
            var values = Markets.Select(m => m.MarkoutBps.Count > 0 ? m.MarkoutBps[0] : double.NaN).Where(double.IsFinite).ToList();
            return values.Count == 0 ? double.NaN : values.Average();
        }
    }

    /// <summary>Largest |q| over the markets.</summary>
    public Quantity MaxAbsInventory => Markets.Count == 0 ? Quantity.Zero : Markets.Max(m => m.Inventory.Abs());

    /// <summary>Requests saved over all markets.</summary>
    public long RequestsSaved => Markets.Sum(m => m.RequestsSaved);

    /// <summary>Writes the summary properties (<c>reward_score</c>, <c>markout_1s</c>, <c>max_abs_inventory</c>,
    /// <c>requests_saved</c>) and a <c>markets</c> array into the current JSON object.</summary>
    public void WriteSummary(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("reward_score", Math.Round(RewardScore, 6));
        WriteDouble(writer, "markout_1s", Markout1s);
        writer.WriteString("max_abs_inventory", MaxAbsInventory.ToString());
        writer.WriteNumber("requests_saved", RequestsSaved);
        writer.WriteStartArray("markets");
        foreach (var m in Markets)
        {
            writer.WriteStartObject();
            writer.WriteString("market", m.Market.ToString());
            writer.WriteString("inventory", m.Inventory.ToString());
            writer.WriteNumber("reward_score", Math.Round(m.RewardScore, 6));
            WriteDouble(writer, "markout_1s", m.MarkoutBps.Count > 0 ? m.MarkoutBps[0] : double.NaN);
            WriteDouble(writer, "vol_bps", m.VolatilityBps);
            writer.WriteNumber("quotes", m.Quotes.Count);
            writer.WriteNumber("requests_saved", m.RequestsSaved);
            writer.WriteString("protections", m.Protections.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Builds the report of every market (allocates; for the terminal view and summaries, not the hot path). Inventory
    /// and its entry are the ledger's (the unhedged part of each market's risk group).
    /// </summary>
    internal static MarketMakerReport Of(MarketState[] states, MarketInventory? inventory)
    {
        var markets = new List<MarketMakerMarketReport>(states.Length);
        foreach (var m in states)
        {
            var quotes = new List<QuoteReport>();
            foreach (var s in m.Slots)
            {
                if (s.State == SlotState.Free) continue;
                string status = s.Kind == SlotKind.Exit ? "exit" : s.State switch
                {
                    SlotState.Live => "live",
                    SlotState.CancelPending => "cancel_pending",
                    _ => "retry_pending",
                };
                quotes.Add(new QuoteReport(m.Token(s.Token).Id, s.Side, s.Price, s.Size, s.Level, s.Score, status));
            }

            var markouts = new double[m.Horizons];
            for (int h = 0; h < markouts.Length; h++) markouts[h] = m.Markouts.AverageBps(h);
            var entry = inventory?.AverageEntry(m) ?? Price.Zero;
            markets.Add(new MarketMakerMarketReport(m.Quoted.Id, quotes, inventory is null ? Quantity.Zero : inventory.NetDelta(m), entry,
                m.Fair, m.Reservation, m.HalfSpread, m.RewardQMin, markouts, m.Vol.AnnualisedBps, m.RequestsSaved, m.Submits,
                m.CancelsSent, m.Denials, m.PostOnlyRetries, m.PostOnlyGiveUps, m.ForcedExits, m.Active, m.InventoryTrims));
        }

        return new MarketMakerReport(markets);
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, Math.Round(value, 4));
        else writer.WriteNull(name);
    }
}
