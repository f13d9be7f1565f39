namespace Bookmaker.Cli;

/// <summary>Process exit codes of the <c>bookmaker</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure, or a command that is not implemented yet.</summary>
    public const int Failure = 1;

    /// <summary>Usage error (unknown flag, bad value) or invalid configuration.</summary>
    public const int Usage = 2;
}
