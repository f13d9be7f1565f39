using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Time;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// The live terminal view of a paper run: markets (book top, our quotes, inventory), P&amp;L, risk state and alerts. When
/// stdout is not an interactive terminal it falls back to one plain status line every few seconds.
/// </summary>
internal sealed class PaperView(TradingEngine engine, PaperComposition composition, RunTracker tracker, CliContext context, SimulatedTimeProvider? clock)
{
    private readonly DateTimeOffset _wallStart = DateTimeOffset.UtcNow;
    private DateTimeOffset _lastLine = DateTimeOffset.MinValue;

    /// <summary>True when the live table can be drawn (a real terminal behind our stdout).</summary>
    public bool Interactive =>
        ReferenceEquals(context.Stdout, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Writes one plain status line at most every two seconds of wall time.</summary>
    public void MaybeWriteLine()
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _lastLine < TimeSpan.FromSeconds(2)) return;
        // A synthetic run says what it is before its first figure, so no P&L below is read as a forecast.
        if (_lastLine == DateTimeOffset.MinValue && clock is not null) context.Stdout.WriteLine("paper: simulation: " + (composition.SimulationLabel ?? PaperRunner.SyntheticLabel));
        _lastLine = now;
        context.Stdout.WriteLine(StatusLine());
    }

    private string StatusLine()
    {
        var pf = engine.Portfolio;
        var s = engine.Orders.Stats;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{(clock is null ? DateTimeOffset.UtcNow - _wallStart : clock.GetUtcNow() - PaperRunner.SimulationStart):hh\\:mm\\:ss} sim, {(DateTimeOffset.UtcNow - _wallStart).TotalSeconds:0}s wall] " +
            $"state={engine.DisplayState} open={engine.Orders.LiveCount} submitted={s.Submitted} fills={s.Fills} " +
            $"volume={tracker.Volume.ToDecimal():0.00} pnl={pf.NetPnl.ToDecimal():0.0000} fees={pf.FeesPaid.ToDecimal():0.0000} " +
            $"rebates={pf.RebatesEarned.ToDecimal():0.0000} alerts={engine.Alerts.WarningCount}W/{engine.Alerts.CriticalCount}C");
    }

    /// <summary>The full live view.</summary>
    public IRenderable Render()
    {
        var markets = new Table().Border(TableBorder.Rounded).Title("markets")
            .AddColumn("instrument").AddColumn("bid").AddColumn("ask").AddColumn("our bid").AddColumn("our ask").AddColumn("position").AddColumn("mark");
        int shown = 0;
        foreach (var inst in engine.Instruments.All)
        {
            if (++shown > 14) break;
            var book = engine.Book(inst);
            Price ourBid = Price.Zero, ourAsk = Price.Zero;
            foreach (var o in engine.Orders.LiveOrders)
            {
                if (o.Instrument != inst.Id) continue;
                if (o.Side == Side.Buy && o.Request.Price > ourBid) ourBid = o.Request.Price;
                if (o.Side == Side.Sell && (ourAsk.Raw == 0 || o.Request.Price < ourAsk)) ourAsk = o.Request.Price;
            }

            markets.AddRow(
                Markup.Escape(composition.Label(inst)),
                book.HasBids ? $"{book.BestBid.Price} × {book.BestBid.Size}" : "-",
                book.HasAsks ? $"{book.BestAsk.Price} × {book.BestAsk.Size}" : "-",
                ourBid.Raw > 0 ? ourBid.ToString() : "-",
                ourAsk.Raw > 0 ? ourAsk.ToString() : "-",
                engine.Portfolio.QuantityOf(inst.Id).ToString(),
                engine.Mark(inst).Raw > 0 ? engine.Mark(inst).ToString() : "-");
        }

        var pf = engine.Portfolio;
        var stats = engine.Orders.Stats;
        var pnl = new Table().Border(TableBorder.Rounded).Title("account").AddColumn("").AddColumn("");
        pnl.AddRow("simulated time", ((clock?.GetUtcNow() ?? DateTimeOffset.UtcNow) - (clock is null ? _wallStart : PaperRunner.SimulationStart)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        pnl.AddRow("risk state", StateMarkup());
        pnl.AddRow("cash / equity", $"{pf.Cash.ToDecimal():0.00} / {pf.Equity.ToDecimal():0.00}");
        pnl.AddRow("realized / unrealized", $"{pf.RealizedPnl.ToDecimal():0.0000} / {pf.UnrealizedPnl.ToDecimal():0.0000}");
        pnl.AddRow("fees / rebates", $"{pf.FeesPaid.ToDecimal():0.0000} / {pf.RebatesEarned.ToDecimal():0.0000}");
        if (pf.Funding.Count > 0) pnl.AddRow("funding", pf.FundingPnl.ToDecimal().ToString("0.0000", CultureInfo.InvariantCulture));
        pnl.AddRow("daily P&L", pf.NetPnl.ToDecimal().ToString("0.0000", CultureInfo.InvariantCulture));
        pnl.AddRow("orders open / sent / fills", $"{engine.Orders.LiveCount} / {stats.Submitted} / {stats.Fills}");
        pnl.AddRow("denied", stats.Denied.ToString(CultureInfo.InvariantCulture));
        foreach (var (k, v) in composition.ViewRows()) pnl.AddRow(Markup.Escape(k), Markup.Escape(v));

        var alerts = new Table().Border(TableBorder.Rounded).Title("alerts").AddColumn("severity").AddColumn("code").AddColumn("message");
        foreach (var a in engine.Alerts.Active.TakeLast(6))
            alerts.AddRow(a.Severity.ToString().ToUpperInvariant(), Markup.Escape(a.Code), Markup.Escape(a.Message.Length > 70 ? a.Message[..70] + "…" : a.Message));
        if (alerts.Rows.Count == 0) alerts.AddRow("-", "-", "none");
        var footer = new Markup("[grey]Ctrl+C: cancel all, flush the journal, print the summary[/]");
        return clock is null
            ? new Rows(markets, new Columns(pnl, alerts), footer)
            : new Rows(new Markup("[yellow]simulation:[/] " + Markup.Escape(composition.SimulationLabel ?? PaperRunner.SyntheticLabel)), markets, new Columns(pnl, alerts), footer);
    }

    private string StateMarkup() => engine.DisplayState switch
    {
        "ACTIVE" => "[green]ACTIVE[/]",
        "REDUCING" => "[yellow]REDUCING[/]",
        var other => $"[red]{other}[/]",
    };
}
