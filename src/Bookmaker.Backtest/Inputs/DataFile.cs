using System.Security.Cryptography;

namespace Bookmaker.Backtest.Inputs;

/// <summary>One recording a backtest reads: where it is, how it is read, and its SHA-256 (in <c>result.json</c>).</summary>
/// <param name="Path">Full path.</param>
/// <param name="Format">The format it is read as.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes as stored.</param>
/// <param name="Bytes">Size in bytes.</param>
public sealed record DataFile(string Path, DataFormat Format, string Sha256, long Bytes)
{
    /// <summary>Describes a file: detects (or takes) its format and hashes it.</summary>
    public static DataFile Describe(string path, DataFormat? forced)
    {
        using var stream = File.OpenRead(path);
        string hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new DataFile(path, forced ?? FormatSniffer.Detect(path), hash, stream.Length);
    }
}
