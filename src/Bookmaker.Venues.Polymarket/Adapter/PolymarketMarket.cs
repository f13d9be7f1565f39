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
    /// <summary>Human label: the Gamma question or slug when resolved through Gamma; null from <c>/clob-markets</c>.</summary>
    public string? Label { get; init; }

    /// <summary>The taker fee curve when the venue published one (<c>/clob-markets</c> <c>fd</c>); null = unknown.</summary>
    public PolymarketFeeCurve? Fees { get; init; }

    /// <summary>The liquidity-reward programme when the venue published one; null = none.</summary>
    public PolymarketRewardTerms? Rewards { get; init; }

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
            dto.Tokens[0].Outcome ?? "Yes", dto.Tokens[1].Outcome ?? "No")
        {
            Fees = dto.FeeDetails is { Rate: { } rate } fd && rate >= 0 && (fd.Exponent ?? 1) >= 0 ? new PolymarketFeeCurve(rate, (double)(fd.Exponent ?? 1)) : null,
            Rewards = dto.Rewards is { Enabled: not false, MaxSpread: { } spread, MinSize: { } size } r
                ? PolymarketRewardTerms.Create(spread, size) is { } terms ? terms with { MinOrderAge = MinOrderAge(r) } : null
                : null,
        };
    }

    /// <summary>How long an order must rest before it scores: <c>moas</c> seconds, zero when the market skips the rule (<c>smoa</c>).</summary>
    private static TimeSpan MinOrderAge(ClobRewardsDto r) =>
        r.SkipMinOrderAge == true || r.MinOrderAgeSeconds is not > 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)r.MinOrderAgeSeconds.Value);

    /// <summary>From a Gamma market; null when it has no two trading tokens or no tick.</summary>
    public static PolymarketMarket? FromGamma(GammaMarketDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var tokens = dto.TradingTokenIds();
        if (tokens.Count != 2 || dto.ConditionId is null || dto.OrderPriceMinTickSize.Raw <= 0) return null;
        var labels = dto.OutcomeLabels();
        var min = dto.OrderMinSize.Raw > 0 ? dto.OrderMinSize : Quantity.FromUnits(5);
        return new PolymarketMarket(dto.ConditionId, tokens[0], tokens[1], dto.OrderPriceMinTickSize, dto.NegRisk == true, min, dto.NegRiskMarketId,
            labels.Count > 0 ? labels[0] : "Yes", labels.Count > 1 ? labels[1] : "No")
        {
            Label = string.IsNullOrWhiteSpace(dto.Question) ? dto.Slug : dto.Question,
            Rewards = dto is { RewardsMaxSpread: { } spread, RewardsMinSize: { } size } ? PolymarketRewardTerms.Create(spread, size) : null,
        };
    }

    /// <summary>
    /// Resolves condition ids (0x…) through <c>/clob-markets</c> and anything else as a Gamma slug (then also reading
    /// <c>/clob-markets</c> for the fee curve and the reward terms' minimum order age, which Gamma lacks).
    /// </summary>
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
            if (found is not null)
            {
                // Gamma carries no fee curve: read it (and rewards Gamma lacked) from /clob-markets; without it, fees stay unknown.
                var details = await rest.GetClobMarketAsync(found.ConditionId, ct).ConfigureAwait(false);
                if (details.IsSuccess && FromClob(details.Value!) is { } clob)
                    found = found with { Fees = clob.Fees, Rewards = found.Rewards is { } gamma ? gamma with { MinOrderAge = clob.Rewards?.MinOrderAge ?? TimeSpan.Zero } : clob.Rewards };
                markets.Add(found);
            }
            else errors.Add($"{id}: {(g.IsSuccess ? "no tradable market with this slug" : g.Error?.Text)}");
        }

        return (markets, errors);
    }
}

/// <summary>Polymarket's taker fee curve of one market: fee = shares × <paramref name="Rate"/> × (p(1−p))^<paramref name="Exponent"/>.</summary>
/// <param name="Rate">r.</param>
/// <param name="Exponent">e.</param>
public sealed record PolymarketFeeCurve(decimal Rate, double Exponent);

/// <summary>A market's liquidity-reward programme: orders within <paramref name="MaxSpreadCents"/> of the midpoint and of at least <paramref name="MinSize"/> score.</summary>
/// <param name="MaxSpreadCents">Maximum distance from the midpoint, in cents.</param>
/// <param name="MinSize">Minimum order size that scores, in shares.</param>
public sealed record PolymarketRewardTerms(decimal MaxSpreadCents, Quantity MinSize)
{
    /// <summary>How long an order must rest before it scores (<c>/clob-markets</c> <c>r.moas</c>; zero = no minimum).</summary>
    public TimeSpan MinOrderAge { get; init; }

    /// <summary>Terms from the venue's numbers; null when either is not positive (no programme).</summary>
    public static PolymarketRewardTerms? Create(decimal maxSpreadCents, decimal minSize) =>
        maxSpreadCents > 0 && minSize > 0 ? new PolymarketRewardTerms(maxSpreadCents, Quantity.FromDecimal(minSize)) : null;
}
