using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// One market of a simulated venue: a binary market (YES and NO tokens on one linked book, as on the CTF exchange) or,
/// when <see cref="No"/> is null, a plain instrument.
/// </summary>
/// <param name="MarketId">Condition id (binary) or symbol; <see cref="Bookmaker.Engine.Venues.IExecutionClient.CancelMarket"/> takes it.</param>
/// <param name="Yes">The YES token (or the plain instrument).</param>
/// <param name="No">The NO token, or null.</param>
/// <param name="Fees">Fee schedule of the market.</param>
public sealed record SimulatedMarket(string MarketId, Instrument Yes, Instrument? No, IFeeModel Fees);
