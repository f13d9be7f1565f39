using System.Reflection;
using Xunit;

namespace Bookmaker.Cli.Tests;

public sealed class CommandTreeTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Version_prints_the_assembly_informational_version()
    {
        string expected = typeof(BookmakerCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var r = _cli.Run("version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith($"bookmaker {expected} ", r.Stdout);
    }

    [Fact]
    public void Unknown_flag_exits_2()
    {
        var r = _cli.Run("config", "show", "--frobnicate");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--frobnicate", r.Stderr);
    }

    [Fact]
    public void Unknown_command_exits_2()
    {
        Assert.Equal(2, _cli.Run("trade-everything").ExitCode);
    }

    [Fact]
    public void Badly_typed_flag_value_exits_2()
    {
        var r = _cli.Run("paper", "--seed", "many");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("usage error:", r.Stderr);
    }

    [Fact]
    public void Group_command_without_subcommand_exits_2()
    {
        Assert.Equal(2, _cli.Run("risk").ExitCode);
    }

    [Fact]
    public void Help_exits_0()
    {
        var r = _cli.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("paper", r.Stdout);
    }

    [Fact]
    public void Paper_maps_its_flags_onto_configuration_keys()
    {
        var r = _cli.Run("paper", "--dry-run", "--seed", "7", "--markets", "3", "--speed", "10", "--duration", "90m", "--journal", "j.db",
            "--summary-json", "s.json", "--strategies", "mm", "--faults", "feed.drop=0.01", "--venue", "simulated");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("paper: seed=7 markets=3 speed=10 duration=1h30m strategies=mm venue=simulated journal=j.db summary-json=s.json faults=feed.drop=0.01", r.Stdout);
    }

    [Fact]
    public void Paper_dry_run_refuses_a_nan_fault_parameter()
    {
        var r = _cli.Run("paper", "--dry-run", "--faults", "cancel_all.partial=0.5:NaN");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Paper:Faults = 'cancel_all.partial=0.5:NaN' (from cli:--faults): ", r.Stderr);
        Assert.DoesNotContain("paper: seed=", r.Stdout);
    }

    [Fact]
    public void Paper_dry_run_refuses_a_malformed_fault_spec()
    {
        var r = _cli.Run("paper", "--dry-run", "--faults", "order.explode=0.1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown fault 'explode'", r.Stderr);
    }

    [Fact]
    public void Paper_flag_beats_set_for_the_same_key()
    {
        var r = _cli.Run("paper", "--dry-run", "--set", "Paper:Seed=1", "--seed", "2");
        Assert.Contains("seed=2 ", r.Stdout);
    }

    [Fact]
    public void Paper_bad_speed_exits_2_naming_the_flag()
    {
        var r = _cli.Run("paper", "--speed", "warp");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Paper:Speed = 'warp' (from cli:--speed): must be a positive number or 'max'", r.Stderr);
    }

    [Fact]
    public void Paper_bad_duration_exits_2()
    {
        var r = _cli.Run("paper", "--duration", "forever");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Paper:Duration = 'forever' (from cli:--duration)", r.Stderr);
    }

    [Fact]
    public void Backtest_without_data_and_out_exits_2_naming_both()
    {
        var r = _cli.Run("backtest");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--data", r.Stderr);
        Assert.Contains("--out", r.Stderr);
    }
}
