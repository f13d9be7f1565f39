using System.Runtime.InteropServices;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// The few libc calls the journal's safety checks need and .NET does not expose: <c>flock</c> (so the writer lock
/// holds even when .NET's own <c>FileShare</c> emulation is switched off with <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>),
/// <c>statx</c> (file type and identity: .NET reports <c>/dev/null</c> and a FIFO as ordinary files) and
/// <c>realpath</c> (one lock per file, whatever symlinks lead to it).
/// </summary>
internal static unsafe partial class UnixNative
{
    public const int LockShared = 1;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int LockUnlock = 8;

    private const int AtCurrentDirectory = -100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>True where <c>flock</c> exists (Linux, macOS, the BSDs).</summary>
    public static bool HasFlock => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary><c>flock(fd, operation)</c>; 0 on success, otherwise the errno.</summary>
    public static int TryFlock(nint fd, int operation) => Flock((int)fd, operation) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>errno values meaning "someone else holds the lock" (EAGAIN/EWOULDBLOCK: 11 on Linux, 35 on macOS/BSD).</summary>
    public static bool IsWouldBlock(int errno) => errno == (OperatingSystem.IsLinux() ? 11 : 35);

    /// <summary>
    /// Type bits (<c>S_IFMT</c> part of the mode), device and inode of <paramref name="path"/> (symlinks followed), or
    /// null when the file does not exist or the platform has no <c>statx</c> (then callers fall back to what .NET knows).
    /// </summary>
    public static (int Type, ulong Device, ulong Inode)? TryStat(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        // struct statx has the same layout on every Linux architecture: mode at 28, inode at 32, device at 136/140.
        byte* buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, StatxBasicStats, buffer) != 0) return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a libc older than glibc 2.28
        }

        int type = *(ushort*)(buffer + 28) & 0xF000;
        ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        return (type, device, *(ulong*)(buffer + 32));
    }

    /// <summary>The canonical absolute path of an existing file or folder (symlinks resolved), or null.</summary>
    public static string? TryRealPath(string path)
    {
        if (!HasFlock) return null;
        nint resolved = RealPath(path, 0);
        if (resolved == 0) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);
}
