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

    [Fact]
    public void Configuration_doc_states_each_rule_as_the_code_checks_it()
    {
        // | `Key` [**(secret)**] | default | rule | meaning |  — the rule cell must be the catalog's rule, word for word.
        var rows = ConfigurationDoc().Split('\n')
            .Select(l => System.Text.RegularExpressions.Regex.Split(l.Trim(), @"(?<!\\)\|"))
            .Where(cells => cells.Length >= 5 && cells[1].Trim().StartsWith('`'))
            .ToDictionary(cells => cells[1].Trim().Split('`')[1], cells => cells[3].Trim(), StringComparer.Ordinal);
        var wrong = ConfigCatalog.Keys
            .Where(k => rows.TryGetValue(k.Key, out var rule) && rule != k.Rule)
            .Select(k => $"{k.Key}: doc says '{rows[k.Key]}', code says '{k.Rule}'")
            .ToList();
        Assert.True(wrong.Count == 0, "docs/configuration.md states other rules than the code:\n" + string.Join("\n", wrong));
    }

    private static string ConfigurationDoc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bookmaker.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "docs", "configuration.md"));
    }
}
