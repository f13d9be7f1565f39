namespace Bookmaker.Cli;

/// <summary>Process exit codes of the <c>bookmaker</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure, or a command that is not implemented yet.</summary>
    public const int Failure = 1;

    /// <summary>Usage error (unknown flag, bad value), invalid configuration, or an unusable or locked journal.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The engine failed closed because its own code, journal, disk or clock failed: trading was HALTED and everything
    /// cancelled (the one line on stderr says whether the venue confirmed); details in the fault log.
    /// </summary>
    public const int EngineFault = 3;

    /// <summary>
    /// The event loop stalled (no progress for <c>Engine:StallTimeout</c>): heartbeats stopped, cancel-all sent straight
    /// through the adapters, trading HALTED.
    /// </summary>
    public const int Stalled = 4;
}
