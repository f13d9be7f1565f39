using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// Gives each market its own <see cref="MarketMakerOptions"/> once, when the market first has a two-sided book (its mid is
/// the reference price of terms given in bps or notional). The result must be valid and must not itself resolve per
/// market; the quoting cycle then reads it as plain absolute options.
/// </summary>
public interface IMarketOptionsResolver
{
    /// <summary>The options of the market quoted on <paramref name="quoted"/>, with <paramref name="reference"/> as its price.</summary>
    MarketMakerOptions Resolve(Instrument quoted, Price reference);
}
