namespace Bookmaker.Engine.Configuration;

/// <summary>
/// A secret file (<c>…File</c> keys) that its group or other users may read or change is a warning: the secret is then
/// only as safe as every account on the machine. Not an error, because some deployments (containers, secret mounts)
/// hand files out that way on purpose.
/// </summary>
internal static class SecretFilePermissions
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>One warning line naming the file and the fix, or null when only its owner may use it (or on Windows).</summary>
    public static string? Warning(string path, string fileKey)
    {
        if (OperatingSystem.IsWindows()) return null;
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // it was just read; a race with a chmod is not worth a second message
        }

        if ((mode & GroupOrOthers) == 0) return null;
        string octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        return $"config warning: secret file {path} ({fileKey}) may be read or changed by its group or others (mode {octal}); run chmod 600 {path}";
    }
}
