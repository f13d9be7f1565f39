namespace Bookmaker.Cli.Tests.Process;

/// <summary><c>bookmaker emulator polymarket</c> as its own process, with <c>bookmaker live</c> trading against it.</summary>
public sealed class EmulatorCommandProcessTests
{
    [Fact]
    public async Task Live_trades_against_the_emulator_process_using_only_its_environment_file()
    {
        using var run = new ProcessRun();
        using var emulator = run.Start("emulator", "polymarket", "--duration", "90s", "--env-file", "emu.env");
        await emulator.WaitForLineAsync(l => l.Contains("bookmaker live", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the emulator's instructions");
        string markets = emulator.Stdout.Split("--markets ")[1].Split('\n')[0].Trim();
        string envText = File.ReadAllText(run.PathOf("emu.env"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(run.PathOf("emu.env")));
        Assert.DoesNotContain(envText.Split('\n').First(l => l.Contains("ApiSecret=", StringComparison.Ordinal)).Split('=', 2)[1], emulator.Stdout, StringComparison.Ordinal);
        foreach (var line in envText.Split('\n').Where(l => l.StartsWith("BOOKMAKER__", StringComparison.Ordinal)))
        {
            var (k, v) = (line.Split('=', 2)[0], line.Split('=', 2)[1]);
            run.Environment[k] = v;
        }

        var (code, live) = await run.RunAsync(TimeSpan.FromSeconds(60), "live", "--venue", "polymarket", "--confirm-live", "--markets", markets,
            "--duration", "4s", "--set", "Risk:MaxPositionPerInstrument=5000", "--summary-json", "s.json");
        using var _ = live;

        Assert.True(code == 0, live.Stdout + live.Stderr);
        Assert.True(run.Summary().GetProperty("orders_submitted").GetInt32() > 0);
        emulator.Signal(BookmakerProcess.SigTerm);
        Assert.Equal(0, await emulator.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("polymarket emulator stopped", emulator.Stdout, StringComparison.Ordinal);
    }
}
