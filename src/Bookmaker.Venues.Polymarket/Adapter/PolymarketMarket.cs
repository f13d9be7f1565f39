using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>One binary Polymarket market as the adapter trades it: two outcome tokens that complement each other.</summary>
/// <param name="ConditionId">Condition id (0x…).</param>
/// <param name="YesTokenId">First outcome's token (YES).</param>
/// <param name="NoTokenId">Second outcome's token (NO).</param>
/// <param name="TickSize">Minimum tick.</param>
/// <param name="NegRisk">True for a neg-risk (multi-outcome) event member: orders are signed for the neg-risk exchange.</param>
/// <param name="MinSize">Minimum order size in shares.</param>
/// <param name="NegRiskEventId">Neg-risk market id grouping the event's markets, when neg-risk.</param>
/// <param name="YesLabel">Label of the first outcome.</param>
/// <param name="NoLabel">Label of the second outcome.</param>
public sealed record PolymarketMarket(
    string ConditionId,
    string YesTokenId,
    string NoTokenId,
    Price TickSize,
    bool NegRisk,
    Quantity MinSize,
    string? NegRiskEventId = null,
    string YesLabel = "Yes",
    string NoLabel = "No")
{
    /// <summary>The two instruments, each linked to its complement.</summary>
    public (Instrument Yes, Instrument No) ToInstruments()
    {
        var yesId = new InstrumentId(VenueNames.Polymarket, YesTokenId);
        var noId = new InstrumentId(VenueNames.Polymarket, NoTokenId);
        var yes = Instrument.PolymarketToken(YesTokenId, TickSize, new OutcomeLinks(ConditionId, YesLabel, true, noId, NegRisk ? NegRiskEventId ?? ConditionId : null), MinSize);
        var no = Instrument.PolymarketToken(NoTokenId, TickSize, new OutcomeLinks(ConditionId, NoLabel, false, yesId, NegRisk ? NegRiskEventId ?? ConditionId : null), MinSize);
        return (yes, no);
    }

    /// <summary>From the compact <c>/clob-markets/{cid}</c> answer; null when it does not have two tokens.</summary>
    public static PolymarketMarket? FromClob(ClobMarketDetailsDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (dto.Tokens.Count != 2 || dto.MinimumTickSize.Raw <= 0) return null;
        var min = dto.MinOrderSize.Raw > 0 ? dto.MinOrderSize : Quantity.FromUnits(5);
        return new PolymarketMarket(dto.ConditionId, dto.Tokens[0].TokenId, dto.Tokens[1].TokenId, dto.MinimumTickSize, dto.NegRisk, min, null,
            dto.Tokens[0].Outcome ?? "Yes", dto.Tokens[1].Outcome ?? "No");
    }

    /// <summary>From a Gamma market; null when it has no two trading tokens or no tick.</summary>
    public static PolymarketMarket? FromGamma(GammaMarketDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var tokens = dto.TradingTokenIds();
        if (tokens.Count != 2 || dto.ConditionId is null || dto.OrderPriceMinTickSize.Raw <= 0) return null;
        var labels = dto.OutcomeLabels();
        var min = dto.OrderMinSize.Raw > 0 ? dto.OrderMinSize : Quantity.FromUnits(5);
        return new PolymarketMarket(dto.ConditionId, tokens[0], tokens[1], dto.OrderPriceMinTickSize, dto.NegRisk == true, min, dto.NegRiskMarketId,
            labels.Count > 0 ? labels[0] : "Yes", labels.Count > 1 ? labels[1] : "No");
    }

    /// <summary>Resolves condition ids (0x…) through <c>/clob-markets</c> and anything else as a Gamma slug.</summary>
    public static async Task<(List<PolymarketMarket> Markets, List<string> Errors)> ResolveAsync(PolymarketRestClient rest, IEnumerable<string> idsOrSlugs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(idsOrSlugs);
        var markets = new List<PolymarketMarket>();
        var errors = new List<string>();
        foreach (string id in idsOrSlugs)
        {
            if (id.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                var r = await rest.GetClobMarketAsync(id, ct).ConfigureAwait(false);
                if (r.IsSuccess && FromClob(r.Value!) is { } m) markets.Add(m);
                else errors.Add($"{id}: {r.Error?.Text ?? "not a two-outcome market"}");
                continue;
            }

            var g = await rest.GetGammaMarketsAsync([new("slug", id)], pageSize: 10, maxItems: 10, ct: ct).ConfigureAwait(false);
            var found = g.IsSuccess ? g.Value!.Select(FromGamma).FirstOrDefault(x => x is not null) : null;
            if (found is not null) markets.Add(found);
            else errors.Add($"{id}: {(g.IsSuccess ? "no tradable market with this slug" : g.Error?.Text)}");
        }

        return (markets, errors);
    }
}
