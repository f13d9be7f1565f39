namespace Bookmaker.Engine.Risk;

/// <summary>What the gate keeps per instrument itself: the ledger's group mapping (cached), commitments, own quotes.</summary>
internal struct InstrumentRisk
{
    public int Group;
    public int Sign;
    public long OpenSellRaw;
    public long OwnBestBidRaw;
    public long OwnBestAskRaw;
    public long ComplementBidAsAskRaw;
}
