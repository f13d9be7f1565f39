namespace Bookmaker.Venues.Simulated.Faults;

/// <summary>A bad <c>--faults</c> spec. The message names the token and the rule; the CLI exits with code 2 on it.</summary>
public sealed class FaultSpecException : FormatException
{
    /// <summary>A failure on <paramref name="token"/>.</summary>
    public FaultSpecException(string token, string message) : base($"fault spec token '{token}': {message}") => Token = token;

    /// <summary>Not used; present for the standard exception constructors.</summary>
    public FaultSpecException() : base("bad fault spec") => Token = "";

    /// <summary>Not used; present for the standard exception constructors.</summary>
    public FaultSpecException(string message) : base(message) => Token = "";

    /// <summary>Not used; present for the standard exception constructors.</summary>
    public FaultSpecException(string message, Exception innerException) : base(message, innerException) => Token = "";

    /// <summary>The offending token as written.</summary>
    public string Token { get; }
}
