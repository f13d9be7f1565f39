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

    [Fact]
    public void Configuration_doc_states_the_backtest_reward_rules_as_the_code_checks_them()
    {
        string doc = ConfigurationDoc();
        foreach (var (name, _, _) in BacktestOptions.Fields)
        {
            var info = ConfigCatalog.Find("Backtest:Rewards:123:" + name);
            Assert.NotNull(info);
            Assert.Contains($"| `Backtest:Rewards:<token>:{name}` | *(unset)* | {info.Rule} |", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_relative_link_in_the_documentation_points_to_a_file_that_exists()
    {
        // Renames (DEVELOPERS.md became CONTRIBUTING.md) must not leave a newcomer at a dead link.
        string root = RepositoryRoot();
        var broken = new List<string>();
        foreach (string doc in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, doc);
            // node_modules: third-party packages npm installs (the report's chart library), not our documentation.
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" || part.StartsWith('.'))) continue;
            foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(doc), @"\]\(([^)#\s]+)(#[^)]*)?\)"))
            {
                string target = link.Groups[1].Value;
                if (target.Contains(':', StringComparison.Ordinal)) continue; // https:, mailto:
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(doc)!, target));
                if (!File.Exists(full) && !Directory.Exists(full)) broken.Add($"{relative}: {target}");
            }
        }

        Assert.True(broken.Count == 0, "links to nothing:\n" + string.Join("\n", broken));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bookmaker.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir.FullName;
    }

    private static string ConfigurationDoc()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bookmaker.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir.FullName, "docs", "configuration.md"));
    }
}
