namespace Bookmaker.Storage.Journal;

/// <summary>What a path points at, as far as a journal cares.</summary>
public enum JournalFileKind
{
    /// <summary>Nothing there.</summary>
    Missing,

    /// <summary>A regular file: the only kind a journal can live in.</summary>
    RegularFile,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A character device such as <c>/dev/null</c>.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A named pipe (FIFO): opening it would block.</summary>
    NamedPipe,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Anything else the platform reports.</summary>
    Other,
}

/// <summary>Reads a path's <see cref="JournalFileKind"/> and identity (device, inode) without opening it.</summary>
public static class JournalFileProbe
{
    /// <summary>
    /// The kind of file at <paramref name="path"/> (symlinks followed). On Linux from <c>statx</c>; elsewhere .NET
    /// only tells folders from files, so a device reads as <see cref="JournalFileKind.RegularFile"/> there.
    /// </summary>
    public static JournalFileKind KindOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (UnixNative.TryStat(path) is { } stat)
        {
            return stat.Type switch
            {
                0x8000 => JournalFileKind.RegularFile,
                0x4000 => JournalFileKind.Directory,
                0x2000 => JournalFileKind.CharacterDevice,
                0x6000 => JournalFileKind.BlockDevice,
                0x1000 => JournalFileKind.NamedPipe,
                0xC000 => JournalFileKind.Socket,
                _ => JournalFileKind.Other,
            };
        }

        if (System.IO.Directory.Exists(path)) return JournalFileKind.Directory;
        return File.Exists(path) ? JournalFileKind.RegularFile : JournalFileKind.Missing;
    }

    /// <summary>
    /// Device and inode of the file at <paramref name="path"/>, or null when it is missing or the platform cannot say
    /// (only Linux can; elsewhere callers can only check that the path exists).
    /// </summary>
    public static (ulong Device, ulong Inode)? IdentityOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return UnixNative.TryStat(path) is { } stat ? (stat.Device, stat.Inode) : null;
    }
}
