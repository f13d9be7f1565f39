namespace Bookmaker.Engine.Risk;

/// <summary>What the risk gate lets through.</summary>
public enum TradingState : byte
{
    /// <summary>All orders that pass the checks.</summary>
    Active = 0,

    /// <summary>Only orders that reduce a position (and cancels).</summary>
    Reducing = 1,

    /// <summary>Cancels only.</summary>
    Halted = 2,
}
