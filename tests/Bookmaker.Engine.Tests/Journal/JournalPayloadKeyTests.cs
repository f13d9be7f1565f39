using System.Text.Json;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Journal;

/// <summary>
/// Journal payloads are JSON objects with unique keys: a second "text" made JSON readers (recovery, <c>risk
/// status</c>) see the operator's reason or the venue's message where the command or note name belongs.
/// </summary>
public sealed class JournalPayloadKeyTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly ListJournal _journal = new();
    private readonly EngineHost _host;
    private readonly TradingEngine _engine;

    public JournalPayloadKeyTests()
    {
        _host = EngineKit.Start(_clock, [new ScriptedVenue(VenueNames.Simulated, [TestMarkets.YesToken(VenueNames.Simulated)], new RecordingExecutionClient())],
            journal: _journal);
        _engine = _host.Engine;
    }

    public void Dispose() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static Dictionary<string, string> Fields(string payload)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(payload));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            Assert.True(fields.TryAdd(name, reader.TokenType == JsonTokenType.String ? reader.GetString()! : reader.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                $"key '{name}' twice in {payload}");
        }

        return fields;
    }

    [Fact]
    public void Operator_command_with_a_reason_journals_its_kind_and_its_reason_under_different_keys()
    {
        _engine.OnCommand(new OperatorCommand(OperatorCommandKind.Halt, "ops", "maintenance window"));

        var entry = Assert.Single(_journal.Entries, e => e.Kind == JournalKind.OperatorCommand);
        var fields = Fields(entry.Payload);
        Assert.Equal("Halt", fields["text"]);
        Assert.Equal("ops", fields["actor"]);
        Assert.Equal("maintenance window", fields["reason"]);
    }

    [Fact]
    public void Venue_status_journals_the_note_name_and_the_venue_text_under_different_keys()
    {
        _engine.OnVenueStatus(new VenueStatusEvent(VenueNames.Simulated, VenueState.Restarting, Start, TimeSpan.FromSeconds(5), "matching engine restarting"));

        var entry = Assert.Single(_journal.Entries, e => e.Kind == JournalKind.Note && e.Payload.Contains("venue_status", StringComparison.Ordinal));
        var fields = Fields(entry.Payload);
        Assert.Equal("venue_status", fields["text"]);
        Assert.Equal("matching engine restarting", fields["venue_text"]);
    }

    [Fact]
    public void A_reset_breach_journaled_with_a_reason_still_lifts_the_breach_on_recovery()
    {
        using var payload = new JournalPayload();
        _journal.Append(new JournalEntry(Start.UtcTicks, JournalKind.TradingState, 0, null, payload.Text("HALTED", ("from", "ACTIVE"), ("reason", "daily_loss_breached"))));
        _engine.OnCommand(new OperatorCommand(OperatorCommandKind.ResetBreach, "ops", "reviewed the losses"));

        var recovered = JournalRecovery.Recover(_journal.Entries, new InstrumentRegistry());

        Assert.False(recovered.Breached);
    }

    [Fact]
    public void Payload_builder_refuses_a_second_text_field()
    {
        using var payload = new JournalPayload();

        Assert.Throws<ArgumentException>(() => payload.Text("note", ("text", "again")));
    }
}
