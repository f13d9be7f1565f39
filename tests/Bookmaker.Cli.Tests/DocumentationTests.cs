using Bookmaker.Engine.Configuration;
using Xunit;

namespace Bookmaker.Cli.Tests;

public sealed class DocumentationTests
{
    [Fact]
    public void Configuration_doc_describes_every_key()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bookmaker.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "configuration.md"));
        var missing = ConfigCatalog.Keys.Where(k => !doc.Contains("`" + k.Key + "`", StringComparison.Ordinal)).Select(k => k.Key).ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md does not describe: " + string.Join(", ", missing));
    }
}
