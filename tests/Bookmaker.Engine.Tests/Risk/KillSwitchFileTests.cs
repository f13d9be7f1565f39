using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Tests.Risk;

public sealed class KillSwitchFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bm-ks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Engage_creates_the_file_with_who_and_when()
    {
        var ks = new KillSwitchFile(Path.Combine(_dir, "sub", "HALT"));
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        ks.Engage("alice", at, "manual test");

        Assert.True(ks.IsEngaged);
        Assert.Equal(new KillSwitchInfo("alice", at, "manual test"), ks.Read());
    }

    [Fact]
    public void Disengage_removes_the_file_and_returns_what_it_said()
    {
        var ks = new KillSwitchFile(Path.Combine(_dir, "HALT"));
        ks.Engage("bob", DateTimeOffset.UnixEpoch, null);

        var info = ks.Disengage();

        Assert.False(ks.IsEngaged);
        Assert.Equal("bob", info!.Actor);
    }

    [Fact]
    public void A_file_with_garbage_still_counts_as_engaged()
    {
        var path = Path.Combine(_dir, "HALT");
        File.WriteAllText(path, "touch");
        var ks = new KillSwitchFile(path);

        Assert.True(ks.IsEngaged);
        Assert.Equal("unknown", ks.Read()!.Actor);
    }
}
