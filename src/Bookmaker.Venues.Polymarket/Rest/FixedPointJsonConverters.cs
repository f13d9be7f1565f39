using System.Text.Json;
using System.Text.Json.Serialization;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Rest;

/// <summary>
/// Reads a <see cref="Price"/> exactly from a JSON string ("0.45") or number (0.01) — Polymarket uses both — and
/// writes it as a string. Inexact text (more than 9 decimals, exponents) is refused, never rounded.
/// </summary>
public sealed class PriceJsonConverter : JsonConverter<Price>
{
    /// <inheritdoc />
    public override Price Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(FixedPointJson.ReadRaw(ref reader));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Price value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>Exact <see cref="Quantity"/> from a JSON string or number; written as a string.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc />
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(FixedPointJson.ReadRaw(ref reader));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

internal static class FixedPointJson
{
    public static long ReadRaw(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
            throw new JsonException($"expected a decimal string or number, got {reader.TokenType}");
        long raw;
        bool ok;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            ok = FixedPoint.TryParse(reader.ValueSpan, out raw, out _);
        }
        else
        {
            // Rare: split across buffers or escaped. Decimals are short, so the copy is bounded.
            long length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (length > 64) throw new JsonException("decimal value too long");
            Span<byte> buffer = stackalloc byte[64];
            int n = reader.TokenType == JsonTokenType.String ? reader.CopyString(buffer) : CopySequence(ref reader, buffer);
            ok = FixedPoint.TryParse(buffer[..n], out raw, out _);
        }

        if (!ok) throw new JsonException("not an exact decimal with at most 9 places");
        return raw;
    }

    private static int CopySequence(ref Utf8JsonReader reader, scoped Span<byte> buffer)
    {
        System.Buffers.BuffersExtensions.CopyTo(reader.ValueSequence, buffer);
        return (int)reader.ValueSequence.Length;
    }
}
