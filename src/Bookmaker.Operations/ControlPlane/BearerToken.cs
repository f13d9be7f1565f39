using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Bookmaker.Operations.ControlPlane;

/// <summary>Checks <c>Authorization: Bearer &lt;token&gt;</c> in constant time (a timing difference must not reveal a prefix).</summary>
internal static class BearerToken
{
    public static bool IsAuthorized(HttpRequest request, string? expected)
    {
        if (expected is null) return false;
        string header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        byte[] given = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        byte[] wanted = Encoding.UTF8.GetBytes(expected);
        return CryptographicOperations.FixedTimeEquals(given, wanted);
    }
}
