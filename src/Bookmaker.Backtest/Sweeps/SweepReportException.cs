namespace Bookmaker.Backtest.Sweeps;

/// <summary>A <c>bookmaker sweep report</c> that cannot be made as asked (no finished run, an unknown <c>--x</c>/<c>--y</c>, two grids): the command exits 2 with the message.</summary>
public sealed class SweepReportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SweepReportException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public SweepReportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public SweepReportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
