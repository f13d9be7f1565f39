namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>How the exchange verifies an order's signature (the uint8 signatureType of the signed struct).</summary>
public enum SignatureType : byte
{
    /// <summary>The EOA signs and is the maker.</summary>
    Eoa = 0,

    /// <summary>Polymarket (Magic/email) proxy wallet: maker = funder (proxy), signer = EOA.</summary>
    PolyProxy = 1,

    /// <summary>Gnosis Safe proxy: maker = funder (safe), signer = EOA.</summary>
    PolyGnosisSafe = 2,

    /// <summary>EIP-1271 deposit wallet (V2 only): maker = signer = deposit wallet; wrapped ERC-7739 signature.</summary>
    Poly1271 = 3,
}
