using System.Globalization;

namespace Bookmaker.Storage.Journal;

/// <summary>How the free space on the journal's volume compares with <c>Journal:MinFreeBytes</c>.</summary>
public enum JournalSpaceState
{
    /// <summary>At least twice the floor free (or the floor is off).</summary>
    Ok,

    /// <summary>Under twice the floor: the engine raises a WARNING while it can still record everything.</summary>
    Low,

    /// <summary>At or below the floor: the engine fails closed now, before SQLite fails with the disk full.</summary>
    Exhausted,
}

/// <summary>One measurement of the journal's volume.</summary>
/// <param name="FreeBytes">Bytes this process may still write on the volume.</param>
/// <param name="MinFreeBytes">The floor it was compared with (0 = off).</param>
/// <param name="State">The classification.</param>
public readonly record struct JournalSpaceReading(long FreeBytes, long MinFreeBytes, JournalSpaceState State)
{
    /// <summary>A line for an alert or a log, e.g. <c>journal volume: 120.0 MiB free, floor 256.0 MiB (Exhausted)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"journal volume: {JournalSpace.Mebibytes(FreeBytes)} free, floor {JournalSpace.Mebibytes(MinFreeBytes)} ({State})");
}

/// <summary>
/// Free space on the volume that holds a journal, against the <c>Journal:MinFreeBytes</c> floor. Cheap (one
/// <c>statvfs</c> call), so the engine's housekeeping can read it every second: it must notice a filling disk before
/// SQLite does, because after SQLite fails nothing more can be recorded — not even the halt.
/// </summary>
public sealed class JournalSpace
{
    /// <summary>Watches the volume of <paramref name="journalPath"/> against <paramref name="minFreeBytes"/> (0 = off).</summary>
    public JournalSpace(string journalPath, long minFreeBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        ArgumentOutOfRangeException.ThrowIfNegative(minFreeBytes);
        Folder = Path.GetDirectoryName(Path.GetFullPath(journalPath)) ?? Path.GetFullPath(journalPath);
        MinFreeBytes = minFreeBytes;
        // On Unix a DriveInfo is just the path; every AvailableFreeSpace is a fresh statvfs, so one can be kept.
        _volume = OperatingSystem.IsWindows() ? null : new DriveInfo(Folder);
    }

    private readonly DriveInfo? _volume;

    /// <summary>The folder whose volume is measured (the journal's folder).</summary>
    public string Folder { get; }

    /// <summary>The floor (0 = off: always <see cref="JournalSpaceState.Ok"/>).</summary>
    public long MinFreeBytes { get; }

    /// <summary>Measures and classifies now.</summary>
    /// <exception cref="IOException">The folder is gone or its volume cannot be queried.</exception>
    public JournalSpaceReading Read()
    {
        if (!Directory.Exists(Folder)) throw new DirectoryNotFoundException($"The journal's folder '{Folder}' is gone, so its free space cannot be measured.");
        long free = _volume?.AvailableFreeSpace ?? FreeBytes(Folder);
        return new JournalSpaceReading(free, MinFreeBytes, Classify(free, MinFreeBytes));
    }

    /// <summary>
    /// Bytes an unprivileged writer may still use on the volume holding <paramref name="path"/> (an existing file or
    /// folder, on any mount, tmpfs included): <c>statvfs</c>'s <c>f_bavail × f_frsize</c> via <see cref="DriveInfo"/>,
    /// which on Unix queries the given path itself rather than a drive letter. Blocks reserved for root are not
    /// counted, so a journal written as root gets a little margin beyond the floor.
    /// </summary>
    /// <exception cref="IOException">The path does not exist or its volume cannot be queried.</exception>
    public static long FreeBytes(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new DirectoryNotFoundException($"'{path}' does not exist, so its free space cannot be measured.");
        return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
    }

    /// <summary>
    /// <see cref="JournalSpaceState.Exhausted"/> at or below <paramref name="minFreeBytes"/>, <see cref="JournalSpaceState.Low"/>
    /// under twice it, otherwise <see cref="JournalSpaceState.Ok"/>; always Ok when the floor is 0 (off).
    /// </summary>
    public static JournalSpaceState Classify(long freeBytes, long minFreeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minFreeBytes);
        if (minFreeBytes == 0) return JournalSpaceState.Ok;
        if (freeBytes <= minFreeBytes) return JournalSpaceState.Exhausted;
        // Twice the floor, saturating: a floor above half of long.MaxValue makes every reading Low or Exhausted.
        long warnBelow = minFreeBytes > long.MaxValue / 2 ? long.MaxValue : minFreeBytes * 2;
        return freeBytes < warnBelow ? JournalSpaceState.Low : JournalSpaceState.Ok;
    }

    internal static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576m:0.0} MiB");
}
