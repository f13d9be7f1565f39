using Bookmaker.Core.Values;

namespace Bookmaker.Core.Books;

/// <summary>One price level of an L2 book: the total size resting at a price.</summary>
/// <param name="Price">Level price.</param>
/// <param name="Size">Total size at the price (zero removes the level in a delta).</param>
public readonly record struct BookLevel(Price Price, Quantity Size);
