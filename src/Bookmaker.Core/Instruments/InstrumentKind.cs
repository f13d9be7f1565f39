namespace Bookmaker.Core.Instruments;

/// <summary>What sort of contract an instrument is; decides bounds, tick rules and how exposure nets.</summary>
public enum InstrumentKind : byte
{
    /// <summary>One outcome token of a prediction market: pays 1 if it resolves YES, else 0.</summary>
    OutcomeToken = 0,

    /// <summary>Spot pair (crypto).</summary>
    Spot = 1,

    /// <summary>Linear perpetual (crypto).</summary>
    LinearPerpetual = 2,
}
