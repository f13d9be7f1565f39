namespace Bookmaker.Cli.Tests;

/// <summary>The control plane's configuration: where it may listen, and its token kept secret.</summary>
public sealed class ControlPlaneConfigTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_non_loopback_address_without_a_token_exits_2_naming_key_value_and_rule()
    {
        var r = _cli.Run("paper", "--dry-run", "--http", "0.0.0.0:8080");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Http:Listen = '0.0.0.0:8080' (from cli:--http): must be on loopback (127.0.0.1, ::1) unless Http:Token is set", r.Stderr);
    }

    [Fact]
    public void A_non_loopback_address_with_a_token_is_accepted()
    {
        _cli.Environment["BOOKMAKER__Http__Token"] = "0123456789abcdef0123";
        var r = _cli.Run("paper", "--dry-run", "--http", "0.0.0.0:8080");

        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void A_listen_value_that_is_not_an_address_is_refused_with_the_rule()
    {
        var r = _cli.Run("paper", "--dry-run", "--http", "everywhere");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Http:Listen = 'everywhere'", r.Stderr);
        Assert.Contains("off, or IP:port on loopback (port 0 picks a free port)", r.Stderr);
    }

    [Fact]
    public void The_token_prints_as_stars_in_config_show()
    {
        _cli.Environment["BOOKMAKER__Http__Token"] = "0123456789abcdef0123";
        var r = _cli.Run("config", "show");

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("0123456789abcdef0123", r.Stdout + r.Stderr);
        Assert.Contains("Http:Token", r.Stdout);
    }

    [Fact]
    public void A_short_token_is_refused_without_echoing_it()
    {
        _cli.Environment["BOOKMAKER__Http__Token"] = "short";
        var r = _cli.Run("config", "show");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Http:Token = '***'", r.Stderr);
        Assert.DoesNotContain("short'", r.Stderr);
    }
}
