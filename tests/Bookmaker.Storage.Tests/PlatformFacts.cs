using System.Diagnostics;

namespace Bookmaker.Storage.Tests;

/// <summary>A fact about Unix file semantics (symlinks, devices, FIFOs); skipped elsewhere with the reason.</summary>
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "needs Unix file semantics (devices, FIFOs, symlinks without privileges)";
    }
}

/// <summary>A fact about Linux only (statx, /dev/null as a character device).</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux (statx)";
    }
}

/// <summary>
/// A fact that needs a real, small file system of its own (<c>mount -t tmpfs</c>): root on Linux and a kernel that lets
/// this process mount. Skipped, with the reason, where mounting is not allowed (unprivileged CI, containers).
/// </summary>
internal sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.Unavailable is { } reason) Skip = reason;
    }
}

/// <summary>A tmpfs of a given size mounted on a fresh folder; unmounted on dispose.</summary>
internal sealed class Tmpfs : IDisposable
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return "needs Linux tmpfs";
        try
        {
            using var probe = new Tmpfs(64 * 1024);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return "cannot mount a tmpfs here (" + ex.Message + ")";
        }
    });

    public Tmpfs(long bytes, string options = "")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bookmaker-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        string all = $"size={bytes}" + (options.Length > 0 ? "," + options : "");
        string? error = Run("mount", "-t", "tmpfs", "-o", all, "tmpfs", Path);
        if (error is not null)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException(error);
        }
    }

    /// <summary>Why tmpfs tests cannot run here, or null when they can.</summary>
    public static string? Unavailable => Probe.Value;

    public string Path { get; }

    public string File(string name = "journal.db") => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Run("umount", Path) is null) Directory.Delete(Path);
    }

    private static string? Run(string command, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} exited {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{command}: {ex.Message}";
        }
    }
}
