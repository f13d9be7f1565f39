using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Kernel;

public sealed class KillSwitchEngineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("bm-kse-").FullName;
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly RecordingExecutionClient _client = new();
    private readonly EngineHost _host;
    private readonly TradingEngine _engine;
    private readonly Instrument _yes;

    public KillSwitchEngineTests()
    {
        _yes = TestMarkets.YesToken(VenueNames.Simulated);
        _host = EngineKit.Start(_clock, [new ScriptedVenue(VenueNames.Simulated, [_yes], _client)], new EngineHostOptions { KillSwitchFile = KillPath });
        _engine = _host.Engine;
        _engine.Portfolio.SetMark(_yes, Price.Parse("0.5"));
    }

    private string KillPath => Path.Combine(_dir, "KILL");

    public void Dispose()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    private void Run(TimeSpan span) => new SimulationDriver(_engine.Loop, _clock).RunFor(span);

    private SubmitOutcome Bid() => _engine.Orders.Submit(new OrderRequest(default, _yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.49"), Quantity.FromUnits(10)));

    [Fact]
    public void Kill_switch_file_appearing_mid_burst_halts_and_cancels_everything()
    {
        for (int i = 0; i < 5; i++) Assert.True(Bid().Sent);

        new KillSwitchFile(KillPath).Engage("ops", Start, "drill");
        Run(TimeSpan.FromSeconds(1));

        Assert.Equal(TradingState.Halted, _engine.Gate.State);
        Assert.True(_client.CancelAlls >= 1);
        Assert.False(Bid().Sent);
    }

    [Fact]
    public async Task Kill_switch_present_at_start_denies_the_very_first_order()
    {
        new KillSwitchFile(KillPath).Engage("ops", Start, null);
        var client = new RecordingExecutionClient();
        var inst = TestMarkets.Standalone(VenueNames.Simulated, "solo");
        // Built like production, the venues not yet started: the first order a strategy could send is already denied.
        await using var host = EngineKit.Create(_clock, [new ScriptedVenue(VenueNames.Simulated, [inst], client)], new EngineHostOptions { KillSwitchFile = KillPath });
        host.Engine.Portfolio.SetMark(inst, Price.Parse("0.5"));

        var first = host.Engine.Orders.Submit(new OrderRequest(default, inst.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.49"), Quantity.FromUnits(10)));

        Assert.Equal(DenyReason.KillSwitch, first.Decision.Reason);
        Assert.Empty(client.Submitted);
    }

    [Fact]
    public void Removing_the_file_does_not_resume_without_an_operator_request()
    {
        new KillSwitchFile(KillPath).Engage("ops", Start, null);
        Run(TimeSpan.FromSeconds(1));

        File.Delete(KillPath);
        Run(TimeSpan.FromSeconds(1));

        Assert.Equal(TradingState.Halted, _engine.Gate.State);
    }

    [Fact]
    public void Resume_request_after_removal_resumes_trading()
    {
        new KillSwitchFile(KillPath).Engage("ops", Start, null);
        Run(TimeSpan.FromSeconds(1));
        new KillSwitchFile(KillPath).Disengage();

        _engine.Loop.Post(new OperatorCommand(OperatorCommandKind.Resume, "bob"));
        Run(TimeSpan.FromSeconds(1));

        Assert.Equal(TradingState.Active, _engine.Gate.State);
        Assert.True(Bid().Sent);
    }

    [Fact]
    public void Resume_request_is_refused_while_the_file_is_still_present()
    {
        new KillSwitchFile(KillPath).Engage("ops", Start, null);
        Run(TimeSpan.FromSeconds(1));

        OperatorCommandResult? answer = null;
        _engine.Loop.Post(new OperatorCommand(OperatorCommandKind.Resume, "bob") { Completed = r => answer = r });
        Run(TimeSpan.FromSeconds(1));

        Assert.Equal(TradingState.Halted, _engine.Gate.State);
        Assert.True(_engine.Alerts.IsActive("resume_refused"));
        Assert.False(answer!.Applied);
    }
}
