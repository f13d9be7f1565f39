namespace Bookmaker.Backtest.Inputs;

/// <summary>An input the backtest cannot run on (a usage error, exit 2); the message names the file, symbol or flag.</summary>
public sealed class BacktestInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BacktestInputException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public BacktestInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public BacktestInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
