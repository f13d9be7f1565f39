using Xunit;

namespace Bookmaker.Cli.Tests;

/// <summary>Inputs that used to get through, refused (exit 2) or warned about on the command line.</summary>
public sealed class InputRefusalTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Paper_on_bybit_without_symbols_exits_2_naming_the_key_without_running()
    {
        string journal = Path.Combine(_cli.Directory, "j.db");
        var r = _cli.Run("paper", "--venue", "bybit", "--speed", "max", "--duration", "1m", "--journal", journal);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Venue:Bybit:Markets", r.Stderr);
        Assert.False(File.Exists(journal), "nothing may run, nor be journaled, before the symbols are named");
    }

    [Fact]
    public void Live_on_bybit_without_keys_exits_2_naming_them()
    {
        var r = _cli.Run("live", "--venue", "bybit", "--markets", "BTCUSDT", "--confirm-live");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Venue:Bybit:ApiKey and ApiSecret are not set", r.Stderr);
    }

    [Fact]
    public void Live_on_an_emulator_exits_2_because_emulators_run_under_paper()
    {
        var r = _cli.Run("live", "--venue", "bybit-emulator", "--markets", "BTCUSDT", "--confirm-live");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("only --venue polymarket or --venue bybit trade real money", r.Stderr);
    }

    [Fact]
    public void Misnamed_environment_variable_is_one_warning_line_on_stderr()
    {
        _cli.Environment["BOOKMAKER_Risk__DailyLossLimit"] = "5";
        var r = _cli.Run("config", "show");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string warning = Assert.Single(lines);
        Assert.StartsWith("config warning: ", warning);
        Assert.Contains("BOOKMAKER_Risk__DailyLossLimit", warning);
        Assert.Contains("BOOKMAKER__Risk__DailyLossLimit", warning);
        Assert.Equal(("50", "default"), r.Row("Risk:DailyLossLimit"));
    }

    [Fact]
    public void Duplicate_key_in_a_profile_exits_2_naming_the_key_and_the_file()
    {
        _cli.Write("profiles/dup.json", """{ "Risk": { "DailyLossLimit": 5, "DailyLossLimit": 500 } }""");
        var r = _cli.Run("config", "show", "--profile", "dup");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Risk:DailyLossLimit = '500' (from profile:dup (", r.Stderr);
        Assert.Contains("dup.json", r.Stderr);
    }

    [Fact]
    public void Directory_as_kill_switch_file_exits_2_before_the_run()
    {
        Directory.CreateDirectory(Path.Combine(_cli.Directory, "data", "KILL"));
        string journal = Path.Combine(_cli.Directory, "j.db");
        var r = _cli.Run("paper", "--speed", "max", "--duration", "1m", "--journal", journal);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Risk:KillSwitchFile = './data/KILL' (from default): ", r.Stderr);
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public void Daily_loss_limit_beyond_any_amount_exits_2_saying_it_is_out_of_range()
    {
        var r = _cli.Run("config", "show", "--set", "Risk:DailyLossLimit=92233720360");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Risk:DailyLossLimit = '92233720360' (from cli): is out of range: must be at most 1000000", r.Stderr);
    }

    [Fact]
    public void Garbage_api_secret_exits_2_without_printing_it()
    {
        _cli.Environment["BOOKMAKER__Venue__Polymarket__ApiKey"] = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        _cli.Environment["BOOKMAKER__Venue__Polymarket__ApiSecret"] = "garbage secret!";
        _cli.Environment["BOOKMAKER__Venue__Polymarket__ApiPassphrase"] = new string('b', 64);
        var r = _cli.Run("config", "show");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Venue:Polymarket:ApiSecret = '***' (from env:BOOKMAKER__Venue__Polymarket__ApiSecret): ", r.Stderr);
        Assert.DoesNotContain("garbage secret", r.Stdout + r.Stderr);
    }

    [Fact]
    public void Secret_file_readable_by_others_is_one_warning_line_suggesting_chmod()
    {
        if (OperatingSystem.IsWindows()) return;
        string path = _cli.Write("pk.txt", "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var r = _cli.Run("config", "show", "--set", "Venue:Polymarket:PrivateKeyFile=pk.txt");
        Assert.Equal(0, r.ExitCode);
        string warning = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("config warning: ", warning);
        Assert.Contains(path, warning);
        Assert.Contains("chmod 600 " + path, warning);
    }
}
