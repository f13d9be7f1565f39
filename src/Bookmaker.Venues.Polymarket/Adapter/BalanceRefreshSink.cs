using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Passes the user channel's reports on to the engine and, for each fill of ours and each settlement step, asks for a
/// refresh of that token's balance cache (<see cref="TokenBalanceRefresh"/>), so the venue sees shares we may sell next.
/// </summary>
internal sealed class BalanceRefreshSink(Func<IVenueEventSink?> inner, TokenBalanceRefresh refresh) : IVenueEventSink
{
    /// <inheritdoc />
    public void OnMarketData(in MarketDataEvent e) => inner()?.OnMarketData(in e);

    /// <inheritdoc />
    public void OnExecutionReport(ExecutionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        inner()?.OnExecutionReport(report);
        if (report.Kind is ExecutionReportKind.Filled
            || (report.Kind == ExecutionReportKind.SettlementChanged && report.Settlement is SettlementState.Mined or SettlementState.Confirmed))
            refresh.Refresh(report.Instrument.Symbol);
    }

    /// <inheritdoc />
    public void OnRequestFailed(VenueRequestFailed failure) => inner()?.OnRequestFailed(failure);

    /// <inheritdoc />
    public void OnVenueStatus(VenueStatusEvent status) => inner()?.OnVenueStatus(status);

    /// <inheritdoc />
    public void OnAccountSnapshot(AccountSnapshot snapshot) => inner()?.OnAccountSnapshot(snapshot);
}
