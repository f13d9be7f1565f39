namespace Bookmaker.Cli.Tests;

/// <summary>Alert sinks in the configuration: their keys are known, their secrets never shown, their mistakes named.</summary>
public sealed class AlertSinkConfigTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_sink_url_and_bot_token_print_as_stars_in_config_show()
    {
        _cli.Environment["BOOKMAKER__Alerts__Sinks__team__Kind"] = "discord";
        _cli.Environment["BOOKMAKER__Alerts__Sinks__team__Url"] = "https://discord.example.com/api/webhooks/1/very-secret-path";
        _cli.Environment["BOOKMAKER__Alerts__Sinks__tg__Kind"] = "telegram";
        _cli.Environment["BOOKMAKER__Alerts__Sinks__tg__BotToken"] = "123456:telegram-secret";
        _cli.Environment["BOOKMAKER__Alerts__Sinks__tg__ChatId"] = "-100";

        var r = _cli.Run("config", "show");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("Alerts:Sinks:team:Url", r.Stdout);
        Assert.DoesNotContain("very-secret-path", r.Stdout + r.Stderr);
        Assert.DoesNotContain("telegram-secret", r.Stdout + r.Stderr);
    }

    [Fact]
    public void An_unknown_sink_kind_exits_2_naming_the_key_and_the_rule()
    {
        _cli.Environment["BOOKMAKER__Alerts__Sinks__x__Kind"] = "pager";
        _cli.Environment["BOOKMAKER__Alerts__Sinks__x__Url"] = "https://example.com/hook";

        var r = _cli.Run("config", "show");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Alerts:Sinks:x:Kind = 'pager'", r.Stderr);
        Assert.Contains("must be one of discord, slack, telegram, pagerduty, webhook", r.Stderr);
    }

    [Fact]
    public void A_plain_http_sink_url_off_loopback_is_refused_without_echoing_it()
    {
        _cli.Environment["BOOKMAKER__Alerts__Sinks__x__Kind"] = "webhook";
        _cli.Environment["BOOKMAKER__Alerts__Sinks__x__Url"] = "http://hooks.example.com/secret-hook";

        var r = _cli.Run("config", "show");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Alerts:Sinks:x:Url = '***'", r.Stderr);
        Assert.DoesNotContain("secret-hook", r.Stderr);
    }

    [Fact]
    public void A_misspelt_sink_field_is_an_unknown_key()
    {
        _cli.Environment["BOOKMAKER__Alerts__Sinks__x__Knd"] = "webhook";

        var r = _cli.Run("config", "show");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Alerts:Sinks:x:Knd", r.Stderr);
        Assert.Contains("unknown key", r.Stderr);
    }
}
