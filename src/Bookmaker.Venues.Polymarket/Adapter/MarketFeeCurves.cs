using Bookmaker.Core.Fees;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// The fee curve of each configured market's tokens (from <c>/clob-markets</c> <c>fd</c>), by token id, built once so a
/// trade's fee estimate allocates nothing. Tokens of markets without a published curve have none: their fee comes from
/// the trade's <c>fee_rate_bps</c> (<see cref="TakerFeeEstimate"/>).
/// </summary>
public sealed class MarketFeeCurves
{
    private readonly Dictionary<string, PolymarketFeeModel> _byToken = new(StringComparer.Ordinal);

    /// <summary>No curves: every fee from <c>fee_rate_bps</c>.</summary>
    public static MarketFeeCurves None { get; } = new([]);

    /// <summary>Builds the table from the markets (a market without <see cref="PolymarketMarket.Fees"/> adds nothing).</summary>
    public MarketFeeCurves(IEnumerable<PolymarketMarket> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        foreach (var m in markets)
        {
            if (m.Fees is not { } curve) continue;
            var model = new PolymarketFeeModel(curve.Rate, curve.Exponent, 0m);
            _byToken.TryAdd(m.YesTokenId, model);
            _byToken.TryAdd(m.NoTokenId, model);
        }
    }

    /// <summary>The curve of the token <paramref name="assetId"/>, or null when its market published none.</summary>
    public PolymarketFeeModel? For(string? assetId) =>
        assetId is not null && _byToken.TryGetValue(assetId, out var model) ? model : null;
}
