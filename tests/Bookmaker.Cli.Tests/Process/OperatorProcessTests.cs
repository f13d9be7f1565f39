using System.Text.Json;
using Bookmaker.Engine.Operations;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// Halting a running engine from another shell: two real processes, the engine and <c>bookmaker risk …</c> run from a
/// different working directory.
/// </summary>
public sealed class OperatorProcessTests : IDisposable
{
    private readonly ProcessRun _run = new();

    public void Dispose() => _run.Dispose();

    private string Journal => _run.PathOf("j.db");

    private static async Task<(int Code, BookmakerProcess Process)> RiskAsync(string workingDirectory, params string[] args) =>
        await BookmakerProcess.RunAsync(workingDirectory, null, TimeSpan.FromSeconds(60), ["risk", .. args]);

    private async Task<BookmakerProcess> StartEngineWithOrdersAsync()
    {
        // The market maker alone: an arbitrage basket half filled at the instant of the halt would rightly make the run
        // exit 1 for the unhedged leg it was not allowed to finish, which is not what these tests judge.
        var engine = _run.Start("paper", "--strategies", "mm", "--duration", "120s", "--journal", "j.db", "--summary-json", "s.json");
        await BookmakerProcess.UntilAsync(() => EngineStatusFile.Read(Journal) is { OpenOrders: > 0, State: "ACTIVE" }, TimeSpan.FromSeconds(30), "the engine quoting");
        return engine;
    }

    [Fact]
    public async Task Risk_halt_from_another_directory_halts_the_running_engine_and_reports_its_confirmation()
    {
        using var engine = await StartEngineWithOrdersAsync();
        string elsewhere = Directory.CreateTempSubdirectory("bm-elsewhere-").FullName;
        try
        {
            var (code, halt) = await RiskAsync(elsewhere, "halt", "--journal", Journal, "--actor", "ops", "--reason", "drill");
            using var _ = halt;

            Assert.True(code == 0, halt.Stdout + halt.Stderr);
            Assert.StartsWith("HALTED at ", halt.Stdout, StringComparison.Ordinal);
            Assert.Contains($"engine pid {engine.Pid}", halt.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(_run.PathOf("data/KILL")), "the engine's kill switch, resolved by the engine");
            Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")), "nothing created in the caller's directory");
            await BookmakerProcess.UntilAsync(() => EngineStatusFile.Read(Journal) is { OpenOrders: 0, State: "HALTED" }, TimeSpan.FromSeconds(10), "every order cancelled");
        }
        finally
        {
            Directory.Delete(elsewhere, true);
        }

        engine.Signal(BookmakerProcess.SigTerm);
        Assert.Equal(0, await engine.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var s = _run.Summary();
        Assert.Equal("HALTED", s.GetProperty("trading_state_at_exit").GetString());
        Assert.Equal(0, s.GetProperty("orders_accepted_while_halted").GetInt32());
    }

    [Fact]
    public async Task Risk_resume_is_confirmed_by_the_running_engine()
    {
        using var engine = await StartEngineWithOrdersAsync();
        var (haltCode, halt) = await RiskAsync(_run.Directory, "halt", "--journal", Journal);
        halt.Dispose();
        Assert.Equal(0, haltCode);

        var (code, resume) = await RiskAsync(_run.Directory, "resume", "--journal", Journal, "--actor", "bob");
        using var _ = resume;

        Assert.True(code == 0, resume.Stdout + resume.Stderr);
        Assert.StartsWith("ACTIVE at ", resume.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.PathOf("data/KILL")));
        engine.Signal(BookmakerProcess.SigTerm);
        Assert.Equal(0, await engine.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Risk_status_shows_the_running_engine_and_never_active_after_it_died()
    {
        using var engine = await StartEngineWithOrdersAsync();
        var (_, running) = await RiskAsync(_run.Directory, "status", "--journal", Journal, "--json");
        using (running)
        {
            using var doc = JsonDocument.Parse(running.Stdout);
            Assert.Equal("running", doc.RootElement.GetProperty("engine").GetString());
            Assert.Equal("ACTIVE", doc.RootElement.GetProperty("state").GetString());
        }

        engine.Signal(BookmakerProcess.SigKill);
        await engine.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var (_, after) = await RiskAsync(_run.Directory, "status", "--journal", Journal);
        using var __ = after;

        Assert.Contains("engine: not running", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("state: NOT RUNNING", after.Stdout, StringComparison.Ordinal);
    }
}
