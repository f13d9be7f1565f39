using Bookmaker.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bookmaker.Operations.Dashboard;

/// <summary>
/// <c>GET /</c> and <c>GET /dashboard</c>: the live dashboard, one self-contained page — inline CSS, the chart library
/// (vendored once in <see cref="ChartLibrary"/>) and our dashboard script inlined — so it works offline and never asks
/// another host. It reads <c>/api/v1/status</c> and the event stream, and posts operator actions with the token the
/// operator types. A content security policy confines it to its own origin.
/// </summary>
internal static class DashboardPage
{
    // default-src 'none' with connect-src 'self': the page may talk to this server only, whatever a string in the data holds.
    private const string Policy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<string> Html = new(Build);

    /// <summary>The page as served.</summary>
    public static string Document => Html.Value;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", Page);
        app.MapGet("/dashboard", Page);
        // Attribution: the library's licence travels with the page that inlines it.
        app.MapGet("/dashboard/lightweight-charts-LICENSE", () => Results.Text(ChartLibrary.Licence, "text/plain; charset=utf-8"));
    }

    private static IResult Page(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = Policy;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(Html.Value, "text/html; charset=utf-8");
    }

    private static string Build()
    {
        var assembly = typeof(DashboardPage).Assembly;
        string template = ChartLibrary.Resource(assembly, "Bookmaker.Operations.Dashboard.dashboard.html");
        string script = ChartLibrary.InlineScript(assembly, "Bookmaker.Operations.Dashboard.dashboard.js");
        // Ours first, the library last: no placeholder is searched for inside the library's own text.
        return template
            .Replace("{{chart-version}}", ChartLibrary.Version, StringComparison.Ordinal)
            .Replace("<script>{{dashboard-script}}</script>", "<script>" + script + "</script>", StringComparison.Ordinal)
            .Replace("<script>{{chart-library}}</script>", "<script>" + ChartLibrary.Library + "</script>", StringComparison.Ordinal);
    }
}
