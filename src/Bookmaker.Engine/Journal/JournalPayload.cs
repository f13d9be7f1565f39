using System.Buffers;
using System.Text;
using System.Text.Json;
using Bookmaker.Core.Orders;

namespace Bookmaker.Engine.Journal;

/// <summary>
/// Builds the compact JSON payloads of journal entries with a reused writer. Field order is fixed by the code, so two
/// identical runs write identical bytes. Never pass a secret to it.
/// </summary>
public sealed class JournalPayload : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates a builder.</summary>
    public JournalPayload() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = false });

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <summary>Starts a new object payload and returns the writer to fill it.</summary>
    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        return _writer;
    }

    /// <summary>Ends the object and returns the JSON text.</summary>
    public string End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>Payload of an order intent.</summary>
    public string Intent(OrderRequest o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var w = Begin();
        w.WriteString("id", o.Id.ToString());
        w.WriteString("side", o.Side == Core.Values.Side.Buy ? "buy" : "sell");
        w.WriteString("type", o.Type == OrderType.Limit ? "limit" : "market");
        w.WriteString("tif", o.TimeInForce.ToString().ToLowerInvariant());
        w.WriteString("price", o.Price.ToString());
        w.WriteString("size", o.Size.ToString());
        if (o.QuoteAmount.Raw != 0) w.WriteString("quote_amount", o.QuoteAmount.ToString());
        if (o.PostOnly) w.WriteBoolean("post_only", true);
        if (o.ReduceOnly) w.WriteBoolean("reduce_only", true);
        if (o.ExpireAt is { } exp) w.WriteNumber("expire_ticks", exp.UtcTicks);
        if (o.Tag is not null) w.WriteString("tag", o.Tag);
        return End();
    }

    /// <summary>Payload of a fill.</summary>
    public string Fill(Fill f, bool reversed = false) => Fill(f, SettlementState.Confirmed, reversed);

    /// <summary>
    /// A fill whose trade is at <paramref name="settlement"/>; the field is written only when the trade is not yet
    /// settled for good, so a venue that settles at the match writes the same bytes as before the ladder existed.
    /// </summary>
    public string Fill(Fill f, SettlementState settlement, bool reversed = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        var w = Begin();
        w.WriteString("trade", f.TradeId);
        w.WriteString("side", f.Side == Core.Values.Side.Buy ? "buy" : "sell");
        w.WriteString("price", f.Price.ToString());
        w.WriteString("size", f.Size.ToString());
        w.WriteString("fee", f.Fee.ToString());
        // Only when the venue kept the fee in shares (a Polymarket taker BUY): fee-free and cash-fee fills read as before.
        if (f.FeeShares.Raw > 0) w.WriteString("fee_shares", f.FeeShares.ToString());
        w.WriteString("rebate", f.Rebate.ToString());
        w.WriteString("liquidity", f.Liquidity == Liquidity.Maker ? "maker" : "taker");
        w.WriteNumber("ts", f.Timestamp.UtcTicks);
        if (reversed) w.WriteBoolean("reversed", true);
        if (!reversed && settlement != SettlementState.Confirmed) w.WriteString("settlement", settlement.JournalName());
        return End();
    }

    /// <summary>A settlement step of fill <paramref name="tradeId"/>: <c>{"trade":…,"settlement":…}</c>.</summary>
    public string Settlement(string tradeId, SettlementState state)
    {
        var w = Begin();
        w.WriteString("trade", tradeId);
        w.WriteString("settlement", state.JournalName());
        return End();
    }

    /// <summary>
    /// Payload with a single "text" field (the entry's name: a state, a note, a command) plus optional key/values. A
    /// field may not be called "text" again: JSON readers keep only one of two equal keys, and recovery and
    /// <c>risk status</c> read the name from "text" — name it for what it holds (<c>venue_text</c>, <c>reason</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A field is named "text".</exception>
    public string Text(string text, params ReadOnlySpan<(string Key, string Value)> fields)
    {
        foreach (var (k, _) in fields)
        {
            if (k == "text") throw new ArgumentException("a journal payload has one \"text\" field: name the extra field for what it holds", nameof(fields));
        }

        var w = Begin();
        w.WriteString("text", text);
        foreach (var (k, v) in fields) w.WriteString(k, v);
        return End();
    }
}
