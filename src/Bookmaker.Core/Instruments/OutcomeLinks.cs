namespace Bookmaker.Core.Instruments;

/// <summary>
/// How a prediction-market outcome token relates to others: the binary market (condition) it belongs to, the
/// complement token of that market (YES ↔ NO) and, for multi-outcome markets, the neg-risk event.
/// </summary>
/// <param name="MarketId">The market's condition id; YES and NO tokens share it.</param>
/// <param name="Outcome">The outcome label of this token ("Yes", "No", …).</param>
/// <param name="IsYes">True for the YES token of its market.</param>
/// <param name="Complement">The other token of the same binary market.</param>
/// <param name="NegRiskEventId">The neg-risk event this market belongs to, when it is one leg of a multi-outcome event.</param>
/// <param name="EndTime">When the market is expected to resolve (finite-horizon models use it), if known.</param>
public sealed record OutcomeLinks(
    string MarketId,
    string Outcome,
    bool IsYes,
    InstrumentId Complement,
    string? NegRiskEventId = null,
    DateTimeOffset? EndTime = null);
