using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Bookmaker.Storage.Journal;

/// <summary>What a writer says about itself when it takes a <see cref="JournalLock"/>.</summary>
/// <param name="Mode">What the writer is (e.g. <c>paper</c>, <c>live</c>).</param>
/// <param name="CommandLine">Its command line with secrets redacted; null = the executable's name only (never arguments,
/// which may carry a secret).</param>
/// <param name="Properties">Free-form facts other processes need (the engine's kill-switch file, its operator-request
/// folder); never secrets.</param>
public sealed record JournalWriterInfo(string Mode, string? CommandLine = null, IReadOnlyDictionary<string, string>? Properties = null);

/// <summary>
/// One writer per journal: an exclusive OS-level lock on <c>&lt;journal&gt;.lock</c>, held for the writer's lifetime and
/// released by the kernel when the process dies (even by <c>kill -9</c>), so a crashed engine never blocks its
/// restart. A second writer — another process, or a second <see cref="SqliteJournal.Open"/> in this one — is refused
/// with <see cref="JournalLockedException"/> naming the holder. Readers (<see cref="JournalReader"/>) take no lock.
/// </summary>
/// <remarks>
/// <para>On Unix the lock is <c>flock(LOCK_EX)</c>, taken by .NET's <c>FileShare.None</c> and again by a direct call so
/// it holds even when .NET's emulation is switched off. Such a lock also refuses plain readers of the lock file
/// (.NET opens every file with a shared <c>flock</c>), which is why the holder details live in a separate file,
/// <c>&lt;journal&gt;.holder.json</c>, written atomically after the lock is taken and removed before it is released.
/// On Windows <c>FileShare.None</c> is itself an exclusive lock.</para>
/// <para>The lock file is never deleted: deleting a lock file others may have open lets two processes lock two
/// different files of the same name.</para>
/// </remarks>
public sealed class JournalLock : IDisposable
{
    // A TryReadHolder probe holds a shared lock for microseconds; a writer starting at that moment retries this long
    // before it concludes that another writer holds the journal.
    private static readonly TimeSpan ProbeGrace = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HolderFileGrace = TimeSpan.FromMilliseconds(500);

    // flock conflicts between two opens in one process on local file systems, but not where it is emulated with
    // POSIX locks (NFS); this set makes the in-process refusal independent of the file system.
    private static readonly Dictionary<string, JournalLockHolder> HeldInProcess = new(StringComparer.Ordinal);

    private SafeFileHandle? _handle;

    private JournalLock(string journalPath, SafeFileHandle handle, JournalLockHolder holder)
    {
        JournalPath = journalPath;
        _handle = handle;
        Holder = holder;
    }

    /// <summary>The journal this lock is for (absolute, symlinks resolved).</summary>
    public string JournalPath { get; }

    /// <summary>Who holds it: this process, as written to the holder file.</summary>
    public JournalLockHolder Holder { get; }

    /// <summary>The lock file of <paramref name="journalPath"/>: <c>&lt;journal&gt;.lock</c> beside the real file.</summary>
    public static string LockFileOf(string journalPath) => CanonicalPath(journalPath) + ".lock";

    /// <summary>The holder file of <paramref name="journalPath"/>: <c>&lt;journal&gt;.holder.json</c> beside the real file.</summary>
    public static string HolderFileOf(string journalPath) => CanonicalPath(journalPath) + ".holder.json";

    /// <summary>
    /// Takes the lock of <paramref name="journalPath"/> and writes the holder file, or throws.
    /// </summary>
    /// <exception cref="JournalLockedException">Another writer holds it; the message names that writer.</exception>
    /// <exception cref="IOException">The lock or holder file cannot be created or written (folder missing, read-only, full).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to create the lock file.</exception>
    public static JournalLock Acquire(string journalPath, JournalWriterInfo? writer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        string canonical = CanonicalPath(journalPath);
        string lockPath = canonical + ".lock";
        lock (HeldInProcess)
        {
            if (HeldInProcess.TryGetValue(canonical, out var self)) throw new JournalLockedException(canonical, self);
        }

        var waited = Stopwatch.StartNew();
        SafeFileHandle? handle;
        while ((handle = TryTake(lockPath)) is null)
        {
            if (waited.Elapsed >= ProbeGrace) throw new JournalLockedException(canonical, WaitForHolder(canonical + ".holder.json"));
            Thread.Sleep(20);
        }

        var holder = new JournalLockHolder(Environment.ProcessId, Environment.MachineName, writer?.Mode ?? "",
            writer?.CommandLine ?? Path.GetFileName(Environment.ProcessPath ?? "dotnet"), DateTimeOffset.UtcNow,
            new Dictionary<string, string>(writer?.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal));
        lock (HeldInProcess)
        {
            // Two threads of this process may both have passed the first check; where flock is per process (NFS) both
            // also got the OS lock, so the set decides, before either touches the holder file.
            if (!HeldInProcess.TryAdd(canonical, holder))
            {
                handle.Dispose();
                throw new JournalLockedException(canonical, HeldInProcess[canonical]);
            }
        }

        try
        {
            WriteAtomically(canonical + ".holder.json", holder.ToJson());
            return new JournalLock(canonical, handle, holder);
        }
        catch
        {
            lock (HeldInProcess) HeldInProcess.Remove(canonical);
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Is a writer running on <paramref name="journalPath"/>, and who? Null when nobody holds the lock — a holder file
    /// left behind by a killed process is not reported, because the lock itself is checked first. When the lock is
    /// held but its holder file is missing, returns <see cref="JournalLockHolder.Unknown"/>. Takes no lock a writer
    /// could notice for longer than a few microseconds.
    /// </summary>
    public static JournalLockHolder? TryReadHolder(string journalPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        string canonical = CanonicalPath(journalPath);
        lock (HeldInProcess)
        {
            if (HeldInProcess.TryGetValue(canonical, out var self)) return self;
        }

        return IsHeld(canonical + ".lock") ? WaitForHolder(canonical + ".holder.json") : null;
    }

    /// <summary>Removes the holder file and releases the lock.</summary>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, null);
        if (handle is null) return;
        try
        {
            // Removed while still holding the lock, so it can never delete a successor's file.
            File.Delete(JournalPath + ".holder.json");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale holder file is harmless: readers check the lock before believing it.
        }
        finally
        {
            lock (HeldInProcess) HeldInProcess.Remove(JournalPath);
            handle.Dispose();
        }
    }

    /// <summary>Absolute path with symlinks resolved, so every way of naming one file leads to one lock.</summary>
    internal static string CanonicalPath(string path)
    {
        string full = Path.GetFullPath(path);
        if (UnixNative.TryRealPath(full) is { } real) return real;
        string? directory = Path.GetDirectoryName(full);
        if (directory is not null && UnixNative.TryRealPath(directory) is { } realDirectory) return Path.Combine(realDirectory, Path.GetFileName(full));
        return full;
    }

    /// <summary>Opens and exclusively locks the lock file; null when someone else holds it.</summary>
    private static SafeFileHandle? TryTake(string lockPath)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (IsLockConflict(ex))
        {
            return null;
        }

        if (!UnixNative.HasFlock) return handle;
        int errno = UnixNative.TryFlock(handle.DangerousGetHandle(), UnixNative.LockExclusive | UnixNative.LockNonBlocking);
        if (errno == 0) return handle;
        handle.Dispose();
        if (UnixNative.IsWouldBlock(errno)) return null;
        throw new IOException($"Cannot lock '{lockPath}': flock failed with errno {errno}.");
    }

    /// <summary>True when a writer holds the lock file (probed with a shared, non-blocking lock, released at once).</summary>
    private static bool IsHeld(string lockPath)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException ex) when (IsLockConflict(ex))
        {
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        using (handle)
        {
            if (!UnixNative.HasFlock) return false;
            int errno = UnixNative.TryFlock(handle.DangerousGetHandle(), UnixNative.LockShared | UnixNative.LockNonBlocking);
            if (errno == 0) return false;
            if (UnixNative.IsWouldBlock(errno)) return true;
            throw new IOException($"Cannot probe '{lockPath}': flock failed with errno {errno}.");
        }
    }

    /// <summary>
    /// The holder file's content; waits briefly when it is missing or names a process that no longer runs on this
    /// host (a writer that just took the lock has not replaced a killed predecessor's file yet).
    /// </summary>
    private static JournalLockHolder WaitForHolder(string holderPath)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var holder = ReadHolderFile(holderPath);
            if (holder is not null && !IsDeadLocalProcess(holder)) return holder;
            if (waited.Elapsed >= HolderFileGrace) return holder ?? JournalLockHolder.Unknown;
            Thread.Sleep(20);
        }
    }

    private static JournalLockHolder? ReadHolderFile(string holderPath)
    {
        try
        {
            return JournalLockHolder.TryParse(File.ReadAllBytes(holderPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsDeadLocalProcess(JournalLockHolder holder)
    {
        if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.Ordinal)) return false;
        try
        {
            using var process = Process.GetProcessById(holder.Pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// A lock held elsewhere: EWOULDBLOCK from .NET's own <c>flock</c> on Unix (the HResult is the errno), a sharing or
    /// lock violation on Windows.
    /// </summary>
    private static bool IsLockConflict(IOException ex) =>
        OperatingSystem.IsWindows() ? (ex.HResult & 0xFFFF) is 32 or 33 : UnixNative.IsWouldBlock(ex.HResult);
}
