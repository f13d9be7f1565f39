using Bookmaker.Core.Instruments;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The markets that no longer trade in this run — resolved (Polymarket <c>market_resolved</c>), closed, or not accepting
/// orders — with why. A closed market stays closed for the run: a resolved market never reopens, and a market the venue
/// stopped taking orders on is re-admitted only by a new run's start-up check. The gate reads the per-instrument flag
/// on every order (an array read); lives on the loop.
/// </summary>
public sealed class ClosedMarkets
{
    private readonly Dictionary<string, string> _reasons = new(StringComparer.OrdinalIgnoreCase);
    private bool[] _closed = [];

    /// <summary>The closed markets (market id → reason), in no particular order.</summary>
    public IReadOnlyDictionary<string, string> Markets => _reasons;

    /// <summary>True when the instrument at this dense index belongs to a closed market.</summary>
    public bool IsClosed(int instrumentIndex) => (uint)instrumentIndex < (uint)_closed.Length && _closed[instrumentIndex];

    /// <summary>True when the market is closed.</summary>
    public bool IsClosed(string marketId) => _reasons.ContainsKey(marketId);

    /// <summary>The market an instrument belongs to: its condition id for an outcome token, else its own symbol.</summary>
    public static string MarketOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Outcome?.MarketId ?? instrument.Id.Symbol;
    }

    /// <summary>
    /// Closes <paramref name="marketId"/> for the instruments of <paramref name="registry"/> that belong to it; returns
    /// those instruments, or an empty list when the market was already closed (a second notice changes nothing).
    /// </summary>
    public IReadOnlyList<Instrument> Close(string marketId, string reason, InstrumentRegistry registry)
    {
        ArgumentException.ThrowIfNullOrEmpty(marketId);
        ArgumentNullException.ThrowIfNull(registry);
        if (!_reasons.TryAdd(marketId, reason)) return [];
        if (_closed.Length < registry.Count) Array.Resize(ref _closed, registry.Count);
        var members = new List<Instrument>();
        for (int i = 0; i < registry.Count; i++)
        {
            var inst = registry[i];
            if (!string.Equals(MarketOf(inst), marketId, StringComparison.OrdinalIgnoreCase)) continue;
            _closed[i] = true;
            members.Add(inst);
        }

        return members;
    }
}
