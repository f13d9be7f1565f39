namespace Bookmaker.Core.Portfolio;

/// <summary>
/// Where an instrument's position counts: its risk group and the sign it counts with. A crypto instrument is its own
/// group (sign +1); the YES and NO tokens of one binary market form one group, named by the YES token's index and
/// measured in YES-equivalent shares — YES counts +1, NO counts −1 (a NO share is a short YES share plus $1), so long
/// YES and long NO offset.
/// </summary>
/// <param name="Index">The group's index: the YES token's (or the instrument's own) <c>Instrument.Index</c>.</param>
/// <param name="Sign">+1, or −1 for the NO token of a binary market.</param>
public readonly record struct RiskGroup(int Index, int Sign);
