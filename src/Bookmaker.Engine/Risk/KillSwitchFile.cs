using System.Text.Json;

namespace Bookmaker.Engine.Risk;

/// <summary>Who pulled the kill switch, when and why (the file's content).</summary>
/// <param name="Actor">User or process that created it.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">Free text.</param>
public sealed record KillSwitchInfo(string Actor, DateTimeOffset At, string? Reason);

/// <summary>
/// The kill switch is a file (<c>Risk:KillSwitchFile</c>): while it exists the engine is HALTED, whatever else happens.
/// A file works when nothing else does — an operator can <c>touch</c> it over ssh, a cron job can create it — and it
/// survives restarts, so a halted engine that is restarted comes back halted. <c>bookmaker risk halt</c> creates it and
/// <c>bookmaker risk resume</c> removes it; removing it never resumes trading by itself: the engine needs that explicit
/// operator command.
/// </summary>
public sealed class KillSwitchFile(string path)
{
    /// <summary>The file's path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>True while the file exists.</summary>
    public bool IsEngaged => File.Exists(Path);

    /// <summary>Creates the file (atomically, via a temp file) with who and why.</summary>
    public KillSwitchInfo Engage(string actor, DateTimeOffset at, string? reason)
    {
        var info = new KillSwitchInfo(actor, at, reason);
        string? dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        string tmp = Path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(info));
        File.Move(tmp, Path, overwrite: true);
        return info;
    }

    /// <summary>Removes the file; returns what it said, or null if it was not there.</summary>
    public KillSwitchInfo? Disengage()
    {
        var info = Read();
        if (File.Exists(Path)) File.Delete(Path);
        return info;
    }

    /// <summary>Reads who engaged it; a file with unreadable content still counts as engaged (actor "unknown").</summary>
    public KillSwitchInfo? Read()
    {
        if (!File.Exists(Path)) return null;
        try
        {
            return JsonSerializer.Deserialize<KillSwitchInfo>(File.ReadAllText(Path)) ?? Unknown();
        }
        catch (JsonException)
        {
            return Unknown();
        }
        catch (IOException)
        {
            return Unknown();
        }

        KillSwitchInfo Unknown() => new("unknown", File.GetLastWriteTimeUtc(Path), "kill-switch file present");
    }
}
