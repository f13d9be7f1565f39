using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker markets --venue polymarket [--rewards] [--neg-risk] [--min-liquidity usd] [--json]</c>: Gamma discovery;
/// <c>--venue bybit|bybit-emulator [--category linear|spot]</c>: Bybit's instruments and their terms.
/// </summary>
internal static class MarketsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("markets", "List tradable markets (Polymarket Gamma API; Bybit instruments-info).");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var venue = new Option<string>("--venue") { Description = "Venue: polymarket, bybit or bybit-emulator.", DefaultValueFactory = _ => "polymarket" };
        var category = new Option<string?>("--category") { Description = "Bybit: linear or spot (default Venue:Bybit:Category).", HelpName = "linear|spot" };
        var rewards = new Option<bool>("--rewards") { Description = "Only markets with liquidity rewards." };
        var negRisk = new Option<bool>("--neg-risk") { Description = "Only neg-risk (multi-outcome) markets." };
        var minLiquidity = new Option<decimal?>("--min-liquidity") { Description = "Minimum liquidity in USD.", HelpName = "usd" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var limit = new Option<int>("--limit") { Description = "Markets to scan (default 500).", DefaultValueFactory = _ => 500 };
        foreach (var o in new Option[] { venue, category, rewards, negRisk, minLiquidity, json, limit }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            string venueName = parse.GetValue(venue)!.Trim().ToLowerInvariant();
            if (venueName is not ("polymarket" or "bybit" or "bybit-emulator"))
            {
                context.Stderr.WriteLine($"markets: --venue '{parse.GetValue(venue)}' must be polymarket, bybit or bybit-emulator");
                return ExitCodes.Usage;
            }

            var options = PolymarketCommand.LoadOptions(flags, parse, context);
            if (options is null) return ExitCodes.Usage;
            if (venueName != "polymarket")
                return await BybitMarkets.RunAsync(context, options, venueName == "bybit-emulator", parse.GetValue(category), parse.GetValue(json), ct).ConfigureAwait(false);
            using var rest = new PolymarketRestClient(PolymarketHttpSettings.From(options.Venue.Polymarket), null, TimeProvider.System);
            var r = await rest.GetGammaMarketsAsync([new("active", "true"), new("closed", "false")], 100, Math.Max(1, parse.GetValue(limit)), ct).ConfigureAwait(false);
            if (!r.IsSuccess)
            {
                context.Stderr.WriteLine($"markets: Gamma request failed (HTTP {r.HttpStatus}): {r.Error?.Text}");
                return ExitCodes.Failure;
            }

            decimal? min = parse.GetValue(minLiquidity);
            var list = r.Value!
                .Where(m => !parse.GetValue(rewards) || (m.RewardsMaxSpread ?? 0) > 0 || (m.RewardsMinSize ?? 0) > 0)
                .Where(m => !parse.GetValue(negRisk) || m.NegRisk == true)
                .Where(m => min is null || (m.LiquidityNum ?? 0) >= min)
                .ToList();
            if (parse.GetValue(json)) WriteJson(list, context.Stdout);
            else WriteTable(list, context.Stdout);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(List<GammaMarketDto> list, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var m in list)
            {
                w.WriteStartObject();
                PolymarketCommand.WriteJsonString(w, "conditionId", m.ConditionId);
                PolymarketCommand.WriteJsonString(w, "slug", m.Slug);
                PolymarketCommand.WriteJsonString(w, "question", m.Question);
                w.WriteBoolean("negRisk", m.NegRisk == true);
                w.WriteString("tickSize", m.OrderPriceMinTickSize.ToString());
                w.WriteString("minSize", m.OrderMinSize.ToString());
                w.WriteNumber("liquidity", m.LiquidityNum ?? 0);
                w.WriteNumber("rewardsMaxSpread", m.RewardsMaxSpread ?? 0);
                w.WriteNumber("rewardsMinSize", m.RewardsMinSize ?? 0);
                w.WriteStartArray("tokens");
                foreach (string t in m.TradingTokenIds()) w.WriteStringValue(t);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTable(List<GammaMarketDto> list, TextWriter output)
    {
        output.WriteLine($"{"condition id",-20} {"neg",-3} {"tick",-6} {"liquidity",12} {"rwd spread",10}  question");
        foreach (var m in list)
        {
            string cid = m.ConditionId is { Length: > 18 } c ? c[..18] + "…" : m.ConditionId ?? "-";
            string liq = (m.LiquidityNum ?? 0).ToString("0", CultureInfo.InvariantCulture);
            string rwd = (m.RewardsMaxSpread ?? 0).ToString("0.##", CultureInfo.InvariantCulture);
            output.WriteLine($"{cid,-20} {(m.NegRisk == true ? "yes" : "no"),-3} {m.OrderPriceMinTickSize,-6} {liq,12} {rwd,10}  {m.Question}");
        }

        output.WriteLine($"{list.Count} market(s)");
    }
}
