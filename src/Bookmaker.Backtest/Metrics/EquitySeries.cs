namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// The account sampled over engine time: net P&amp;L (marked to the books), fees and rebates, exact (raw 1e-9 money).
/// Equity is the opening cash plus the net P&amp;L; "without fees" adds the fees back and takes the rebates out.
/// </summary>
public sealed class EquitySeries
{
    private readonly List<long> _times = [];
    private readonly List<long> _net = [];
    private readonly List<long> _fees = [];
    private readonly List<long> _rebates = [];

    /// <summary>Sample times (UTC ticks).</summary>
    public IReadOnlyList<long> Times => _times;

    /// <summary>Net P&amp;L at each sample (raw).</summary>
    public IReadOnlyList<long> Net => _net;

    /// <summary>Fees paid so far at each sample (raw).</summary>
    public IReadOnlyList<long> Fees => _fees;

    /// <summary>Rebates earned so far at each sample (raw).</summary>
    public IReadOnlyList<long> Rebates => _rebates;

    /// <summary>Adds a sample (a second sample at the same time replaces the first).</summary>
    public void Add(long timeTicks, Core.Portfolio.IPortfolioView portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        if (_times.Count > 0 && _times[^1] == timeTicks)
        {
            _times.RemoveAt(_times.Count - 1);
            _net.RemoveAt(_net.Count - 1);
            _fees.RemoveAt(_fees.Count - 1);
            _rebates.RemoveAt(_rebates.Count - 1);
        }

        _times.Add(timeTicks);
        _net.Add(portfolio.NetPnl.Raw);
        _fees.Add(portfolio.FeesPaid.Raw);
        _rebates.Add(portfolio.RebatesEarned.Raw);
    }
}
