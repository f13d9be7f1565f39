using System.Text.Json;
using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker markets --venue bybit|bybit-emulator [--category linear|spot] [--json]</c>: the instruments Bybit lists
/// in a category (every page of <c>instruments-info</c>), with the terms the engine will trade them on, exact.
/// </summary>
internal static class BybitMarkets
{
    public static async Task<int> RunAsync(CliContext context, BookmakerOptions options, bool emulator, string? category, bool json, CancellationToken ct)
    {
        if (category is not (null or "linear" or "spot"))
        {
            context.Stderr.WriteLine($"markets: --category '{category}' must be linear or spot");
            return ExitCodes.Usage;
        }

        var endpoints = await Paper.BybitEndpoints.ResolveAsync(options, emulator, seed: 7, ct).ConfigureAwait(false);
        try
        {
            var wanted = (category ?? options.Venue.Bybit.Category) == "spot" ? BybitCategory.Spot : BybitCategory.Linear;
            using var rest = new BybitMarketRest(endpoints.Rest, TimeSpan.FromSeconds(10));
            var (listed, refused) = await rest.InstrumentsAsync(wanted, ct).ConfigureAwait(false);
            if (json) WriteJson(listed, refused, context.Stdout);
            else WriteTable(listed, refused, context.Stdout);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (Paper.BybitEndpoints.IsExpected(ex))
        {
            context.Stderr.WriteLine("markets: " + endpoints.Describe(ex));
            return ExitCodes.Failure;
        }
        finally
        {
            if (endpoints.Emulator is not null) await endpoints.Emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void WriteTable(List<BybitInstrumentTerms> listed, Dictionary<string, string> refused, TextWriter output)
    {
        output.WriteLine($"{"symbol",-16} {"status",-10} {"tick",12} {"qty step",12} {"min qty",12} {"min notional",14}");
        foreach (var i in listed.OrderBy(i => i.Symbol, StringComparer.Ordinal))
            output.WriteLine($"{i.Symbol,-16} {i.Status,-10} {i.TickSize,12} {i.QtyStep,12} {i.MinQty,12} {i.MinNotional,14}");
        foreach (var (symbol, why) in refused.OrderBy(r => r.Key, StringComparer.Ordinal))
            output.WriteLine($"{symbol,-16} refused: {why}");
        output.WriteLine($"{listed.Count} instrument(s){(refused.Count > 0 ? $", {refused.Count} refused (terms not exact)" : "")}");
    }

    private static void WriteJson(List<BybitInstrumentTerms> listed, Dictionary<string, string> refused, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("instruments");
            foreach (var i in listed.OrderBy(i => i.Symbol, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("symbol", i.Symbol);
                w.WriteString("category", i.Category == BybitCategory.Spot ? "spot" : "linear");
                w.WriteString("status", i.Status);
                // Decimal strings, exactly as the engine holds them (never a binary float).
                w.WriteString("tick", i.TickSize.ToString());
                w.WriteString("qty_step", i.QtyStep.ToString());
                w.WriteString("min_qty", i.MinQty.ToString());
                w.WriteString("min_notional", i.MinNotional.ToString());
                w.WriteString("max_limit_qty", i.MaxLimitQty.ToString());
                w.WriteString("post_only_max_qty", i.PostOnlyMaxQty.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("refused");
            foreach (var (symbol, why) in refused.OrderBy(r => r.Key, StringComparer.Ordinal)) w.WriteString(symbol, why);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
