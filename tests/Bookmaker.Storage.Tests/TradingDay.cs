using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Storage.Tests;

/// <summary>
/// A seeded day of engine journal entries with the payloads the engine writes (through <see cref="JournalPayload"/>):
/// orders that fill, cancel, get rejected or stay open (acknowledged, partly filled, never acknowledged, cancel in
/// flight), a reversed fill, risk denials, alerts raised and cleared, a CRITICAL one, a daily-loss breach with its halt,
/// an operator command, P&amp;L snapshots every simulated minute and free-form notes.
/// </summary>
internal static class TradingDay
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static InstrumentRegistry Instruments()
    {
        var registry = new InstrumentRegistry();
        var noId = new InstrumentId(VenueNames.Simulated, "no");
        registry.Add(new Instrument(new InstrumentId(VenueNames.Simulated, "yes"), InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"),
            Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m", "Yes", true, noId)));
        return registry;
    }

    /// <summary>Appends about <paramref name="orders"/> × 4 entries spread over the day starting at <see cref="Start"/>.</summary>
    public static void Write(SqliteJournal journal, int orders, int seed = 7)
    {
        var random = new Random(seed);
        using var payload = new JournalPayload();
        var instrument = new InstrumentId(VenueNames.Simulated, "yes");
        string inst = instrument.ToString();
        uint epoch = journal.StartSession("cfg", seed, "sim", Start.UtcTicks).Epoch;
        long step = TimeSpan.TicksPerDay / (orders * 5L);
        long t = Start.UtcTicks;
        long nextSnapshot = t;
        long daily = 0;

        void Add(JournalKind kind, ulong order, string? instrumentId, string json) => journal.Append(new JournalEntry(t += step, kind, order, instrumentId, json));

        for (int n = 1; n <= orders; n++)
        {
            var id = ClientOrderId.From(epoch, (ulong)n);
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var price = Price.Parse("0." + random.Next(10, 90).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var size = Quantity.FromUnits(random.Next(5, 50));
            Add(JournalKind.OrderIntent, id.Value, inst, payload.Intent(new OrderRequest(id, instrument, side, OrderType.Limit, TimeInForce.Gtc, price, size, Tag: "mm")));
            int fate = random.Next(100);
            if (fate < 3) continue; // never acknowledged: PendingNew at the cut
            if (fate < 8)
            {
                Add(JournalKind.OrderState, id.Value, inst, payload.Text("Rejected", ("from", "PendingNew"), ("reason", "PostOnlyWouldCross")));
                continue;
            }

            Add(JournalKind.OrderState, id.Value, inst, payload.Text("Open", ("from", "PendingNew"), ("reason", "")));
            if (fate < 40)
            {
                var fill = new Fill($"t{n}", id, instrument, side, price, size, Money.Zero, Money.Zero, Liquidity.Maker, new DateTimeOffset(t, TimeSpan.Zero));
                Add(JournalKind.Fill, id.Value, inst, payload.Fill(fill));
                if (fate < 12) Add(JournalKind.Fill, id.Value, inst, payload.Fill(fill, reversed: true)); // venue took it back
                if (fate >= 12) Add(JournalKind.OrderState, id.Value, inst, payload.Text("Filled", ("from", "Open"), ("reason", "")));
                daily += side == Side.Buy ? -1_000_000 : 1_000_000;
            }
            else if (fate < 45)
            {
                var part = new Fill($"p{n}", id, instrument, side, price, Quantity.FromUnits(1), Money.Zero, Money.Zero, Liquidity.Maker, new DateTimeOffset(t, TimeSpan.Zero));
                Add(JournalKind.Fill, id.Value, inst, payload.Fill(part));
                Add(JournalKind.OrderState, id.Value, inst, payload.Text("PartiallyFilled", ("from", "Open"), ("reason", "")));
            }
            else if (fate < 47)
            {
                Add(JournalKind.CancelRequested, id.Value, inst, "{}");
                Add(JournalKind.OrderState, id.Value, inst, payload.Text("PendingCancel", ("from", "Open"), ("reason", "")));
            }
            else if (fate < 50)
            {
                // Still resting at the end of the day.
            }
            else
            {
                Add(JournalKind.CancelRequested, id.Value, inst, "{}");
                Add(JournalKind.OrderState, id.Value, inst, payload.Text("Cancelled", ("from", "Open"), ("reason", "")));
            }

            if (random.Next(10) == 0) Add(JournalKind.RiskDenied, ClientOrderId.From(epoch, (ulong)(orders + n)).Value, inst, payload.Text("max_open_orders"));
            if (random.Next(40) == 0) Add(JournalKind.Note, 0, null, payload.Text("strategy note", ("n", n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            if (n % 50 == 0) Alert(payload, Add, "stale_feed", "WARNING", "sim:yes", active: n % 100 == 0);
            if (n == orders / 3) Alert(payload, Add, "slippage", "WARNING", "sim:yes", active: true);
            if (n == orders / 2)
            {
                Alert(payload, Add, "daily_loss_breach", "CRITICAL", "", active: true);
                Add(JournalKind.TradingState, 0, null, payload.Text("HALTED", ("from", "ACTIVE"), ("reason", "daily_loss_breached")));
                Add(JournalKind.OperatorCommand, 0, null, payload.Text("Halt", ("actor", "alice"), ("source", "cli")));
            }

            if (t >= nextSnapshot)
            {
                nextSnapshot = t + TimeSpan.TicksPerMinute;
                string d = new Money(daily).ToString();
                Add(JournalKind.PnlSnapshot, 0, null, payload.Text("", ("cash", "1000"), ("realized", d), ("unrealized", "0"), ("fees", "0"), ("rebates", "0"), ("equity", "1000"), ("daily", d), ("state", "ACTIVE")));
            }
        }
    }

    private static void Alert(JournalPayload payload, Action<JournalKind, ulong, string?, string> add, string code, string severity, string key, bool active) =>
        add(JournalKind.Alert, 0, null, payload.Text(code + " alert", ("code", code), ("severity", severity), ("key", key), ("active", active ? "true" : "false")));

    /// <summary>Every record of the journal at <paramref name="path"/>.</summary>
    public static List<JournalRecord> Read(string path)
    {
        using var reader = JournalReader.Open(path);
        return reader.ReadAll().ToList();
    }
}
