using Bookmaker.Cli.Tests.Live;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;
using Bookmaker.Venues.Polymarket.Emulator;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// Liquidity-reward scoring through the real <c>bookmaker live</c> process: the emulator's markets run a reward
/// programme (max spread 3¢, min size 10, min order age 1 s) and answer <c>/orders-scoring</c> by it.
/// </summary>
public sealed class RewardScoringProcessTests
{
    private static EmulatorOptions RewardMarkets(decimal maxSpreadCents) => new()
    {
        Markets =
        [
            EmulatedMarket.Sample(1) with { Rewards = new EmulatedRewards(maxSpreadCents, Quantity.FromUnits(10), TimeSpan.FromSeconds(1)) },
            EmulatedMarket.Sample(2) with { Rewards = new EmulatedRewards(maxSpreadCents, Quantity.FromUnits(10), TimeSpan.FromSeconds(1)) },
        ],
    };

    private static async Task<(int Code, BookmakerProcess Process)> RunLiveAsync(LiveEmulatorFixture fx, ProcessRun run, params string[] extra)
    {
        foreach (var (k, v) in fx.Cli.Environment) run.Environment[k] = v;
        return await run.RunAsync(TimeSpan.FromSeconds(60), ["live", "--venue", "polymarket", "--confirm-live", "--markets", fx.MarketsArgument,
            "--journal", "live.db", "--summary-json", "s.json", "--duration", "8s", "--set", "Risk:MaxPositionPerInstrument=5000",
            "--set", "Venue:Polymarket:ScoringCheckInterval=1s", .. extra]);
    }

    [Fact]
    public async Task Live_reports_per_market_the_share_of_checks_at_which_our_resting_quotes_scored()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync(RewardMarkets(3m));
        using var run = new ProcessRun();

        var (code, p) = await RunLiveAsync(fx, run);
        using var _ = p;

        Assert.True(code == 0, p.Stdout + p.Stderr);
        var shares = run.Summary().GetProperty("reward_scoring_share");
        foreach (var m in fx.Emulator.Markets) Assert.True(shares.GetProperty(m.ConditionId).GetDouble() > 0, shares.ToString());
        Assert.Contains("reward scoring: ", p.Stdout, StringComparison.Ordinal);
        using var reader = JournalReader.Open(run.PathOf("live.db"));
        Assert.Contains(reader.ReadByKind(JournalKind.Note), r => r.Entry.Payload.Contains("reward scoring share", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quotes_that_rest_without_scoring_raise_a_warning()
    {
        // A 0.1¢ max spread: our quotes (a tick from the touch at best) never score.
        await using var fx = await LiveEmulatorFixture.StartAsync(RewardMarkets(0.1m));
        using var run = new ProcessRun();

        var (code, p) = await RunLiveAsync(fx, run, "--set", "Venue:Polymarket:ScoringAlertAfter=2s");
        using var _ = p;

        Assert.True(code == 0, p.Stdout + p.Stderr);
        Assert.Contains("WARNING reward_not_scoring", p.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, run.Summary().GetProperty("reward_scoring_share").GetProperty(fx.Emulator.Markets[0].ConditionId).GetDouble());
    }
}
