using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using ConfigOptions = Bookmaker.Engine.Configuration.MarketMakerOptions;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>Resolves the <c>MarketMaker</c> section per instrument (<see cref="InstrumentQuoteTerms"/>) and maps the result
/// onto the strategy's options (<see cref="MarketMakerConfig.FromConfig"/>).</summary>
public sealed class ConfiguredMarketOptions : IMarketOptionsResolver
{
    private readonly ConfigOptions _config;

    /// <summary>Resolves <paramref name="config"/>.</summary>
    public ConfiguredMarketOptions(ConfigOptions config) => _config = config ?? throw new ArgumentNullException(nameof(config));

    /// <inheritdoc />
    public MarketMakerOptions Resolve(Instrument quoted, Price reference) =>
        MarketMakerConfig.FromConfig(InstrumentQuoteTerms.Resolve(_config, quoted, reference));
}
