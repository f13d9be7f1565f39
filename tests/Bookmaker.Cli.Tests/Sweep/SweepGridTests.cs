using Bookmaker.Backtest.Sweeps;

namespace Bookmaker.Cli.Tests.Sweep;

/// <summary>The grid of <c>bookmaker sweep</c>: expansion order, run ids, shards and the deflated Sharpe's parts.</summary>
public sealed class SweepGridTests
{
    private static SweepGrid Grid(params string[] specs) => new([.. specs.Select(s => GridAxis.TryParse(s, out var a, out string? e) ? a! : throw new FormatException(e))]);

    [Fact]
    public void Grid_expands_to_every_combination_first_key_slowest()
    {
        var runs = Grid("MarketMaker:Gamma=5,10,20", "MarketMaker:MinSpreadBps=6,8").Expand();
        Assert.Equal(6, runs.Count);
        Assert.Equal(Enumerable.Range(0, 6), runs.Select(r => r.Index));
        Assert.Equal(["5/6", "5/8", "10/6", "10/8", "20/6", "20/8"], runs.Select(r => r.Parameters[0].Value + "/" + r.Parameters[1].Value));
        Assert.Equal(6, runs.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Run_id_depends_only_on_the_parameter_values()
    {
        var a = Grid("MarketMaker:Gamma=5,10", "MarketMaker:MinSpreadBps=6,8").Expand();
        var b = Grid("MarketMaker:Gamma=1,10,99", "MarketMaker:MinSpreadBps=8,6").Expand();
        // The same parameters name the same run whatever else the grid holds and wherever it sits in it.
        var sameA = a.Single(r => r.Parameters[0].Value == "10" && r.Parameters[1].Value == "6");
        var sameB = b.Single(r => r.Parameters[0].Value == "10" && r.Parameters[1].Value == "6");
        Assert.NotEqual(sameA.Index, sameB.Index);
        Assert.Equal(sameA.Id, sameB.Id);
        // Pinned: a run id is a directory name other machines and later sweeps rely on; changing it breaks resume.
        Assert.Equal("gamma-10_minspreadbps-6-9b5af01a", sameA.Id);
    }

    [Fact]
    public void Run_id_is_a_safe_file_name()
    {
        var run = new SweepRun(0, [KeyValuePair.Create("Venue:Polymarket:Markets", "a/b c:d")]);
        Assert.Matches("^[A-Za-z0-9._-]+$", run.Id);
        Assert.DoesNotContain("..", run.Id.Replace("...", ""));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(20)]
    public void Shards_take_every_run_exactly_once(int n)
    {
        var runs = Grid("A:X=1,2,3", "A:Y=1,2,3,4", "A:Z=a,b").Expand();
        var taken = Enumerable.Range(0, n).SelectMany(i => runs.Where(r => new ShardSpec(i, n).Takes(r.Index))).Select(r => r.Index).ToList();
        Assert.Equal(runs.Select(r => r.Index), taken.Order());
    }

    [Theory]
    [InlineData("MarketMaker:Gamma", "no '='")]
    [InlineData("=5,10", "key before '=' is empty")]
    [InlineData("MarketMaker:Gamma=", "no values")]
    [InlineData("MarketMaker:Gamma=5,,10", "an empty value")]
    [InlineData("MarketMaker:Gamma=5,5", "given twice")]
    public void Bad_grid_is_refused_naming_the_rule(string spec, string rule)
    {
        Assert.False(GridAxis.TryParse(spec, out _, out string? error));
        Assert.Contains($"--grid '{spec}'", error);
        Assert.Contains(rule, error);
    }

    [Theory]
    [InlineData("2/2")]
    [InlineData("1/0")]
    [InlineData("-1/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Bad_shard_is_refused(string spec)
    {
        Assert.False(ShardSpec.TryParse(spec, out _, out string? error));
        Assert.Contains($"--shard '{spec}'", error);
    }

    [Fact]
    public void Deflated_sharpe_benchmark_grows_with_the_number_of_trials()
    {
        Assert.Equal(1.959964, DeflatedSharpe.InverseNormal(0.975), 5);
        Assert.Equal(0, DeflatedSharpe.ExpectedMaxSharpe(1, 0.04));
        double ten = DeflatedSharpe.ExpectedMaxSharpe(10, 0.04), hundred = DeflatedSharpe.ExpectedMaxSharpe(100, 0.04);
        Assert.InRange(ten, 0.2 * 1.5, 0.2 * 1.6); // ≈ 1.57 σ for N = 10 (Bailey & López de Prado)
        Assert.True(hundred > ten);
        // Deflating can only lower the probability: the same Sharpe against a higher benchmark.
        double psr = DeflatedSharpe.Of(0.1, 500, 0, 3, 0);
        double dsr = DeflatedSharpe.Of(0.1, 500, 0, 3, 0.08);
        Assert.True(dsr < psr);
    }
}
