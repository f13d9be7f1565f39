namespace Bookmaker.Core.Values;

/// <summary>Which way an order or fill trades.</summary>
public enum Side : byte
{
    /// <summary>Buy / bid.</summary>
    Buy = 0,

    /// <summary>Sell / ask.</summary>
    Sell = 1,
}

/// <summary>Helpers on <see cref="Side"/>.</summary>
public static class SideExtensions
{
    /// <summary>The other side.</summary>
    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    /// <summary>+1 for buys, −1 for sells: the sign a fill of this side gives a position.</summary>
    public static int Sign(this Side side) => side == Side.Buy ? 1 : -1;
}
