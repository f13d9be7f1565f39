namespace Bookmaker.Core.Books;

/// <summary>Whether a local book can be trusted.</summary>
public enum BookStatus : byte
{
    /// <summary>No snapshot applied yet; level updates are ignored.</summary>
    AwaitingSnapshot,

    /// <summary>Built from a snapshot and an unbroken run of updates.</summary>
    Live,

    /// <summary>Continuity was lost (sequence gap, malformed level, reconnect): stale until the next snapshot.</summary>
    NeedsResync,
}

/// <summary>How the best bid and best ask relate. A venue's book is never crossed; a local one may be, briefly.</summary>
public enum CrossState : byte
{
    /// <summary>Best bid below best ask, or a side is empty.</summary>
    Normal,

    /// <summary>Best bid equals best ask.</summary>
    Locked,

    /// <summary>Best bid above best ask (e.g. a removal that has not arrived yet).</summary>
    Crossed,
}

/// <summary>The verdict of <see cref="OrderBook.AcceptSequence"/> on an incoming update message.</summary>
public enum SequenceCheck : byte
{
    /// <summary>Continues the book: apply its levels.</summary>
    Accepted,

    /// <summary>Older than (or already contained in) the book: drop it, the book is unchanged.</summary>
    Outdated,

    /// <summary>Continuity broken: the book is now <see cref="BookStatus.NeedsResync"/>; drop it and resync.</summary>
    Gap,

    /// <summary>The book is awaiting a snapshot: drop it.</summary>
    Stale,
}
