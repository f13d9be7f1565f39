using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Builds the layered configuration — defaults &lt; profile &lt; override file &lt; environment &lt; command line —
/// with <see cref="ConfigurationBuilder"/>, records which layer won each key, resolves secret files, rejects
/// unknown keys and binds the typed, validated <see cref="BookmakerOptions"/>.
/// </summary>
public static class ConfigLoader
{
    private const string DefaultLabel = "default";

    /// <summary>Loads and validates. Never throws for bad input: every problem is a <see cref="ConfigError"/>.</summary>
    public static ConfigLoadResult Load(ConfigRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string cwd = Path.GetFullPath(request.WorkingDirectory ?? Directory.GetCurrentDirectory());
        var environment = request.Environment ?? ReadProcessEnvironment();
        var errors = new List<ConfigError>();
        var warnings = new List<string>(EnvironmentVariableCheck.Warnings(environment));

        // Layer labels by provider index; labelled providers answer per key instead.
        var labels = new List<Func<string, string>>();
        var builder = new ConfigurationBuilder();

        var defaults = new LabeledConfigurationProvider();
        foreach (var (key, value) in ConfigCatalog.Defaults()) defaults.Set(key, value, DefaultLabel);
        builder.Add(defaults);
        labels.Add(defaults.LabelFor);

        if (!string.IsNullOrWhiteSpace(request.Profile))
        {
            string? profilePath = LocateProfile(request.Profile, cwd, environment, errors);
            if (profilePath is not null)
            {
                string name = request.Profile.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    ? Path.GetFileNameWithoutExtension(profilePath)
                    : request.Profile;
                string label = $"profile:{name} ({Shorten(profilePath, cwd)})";
                if (CheckJson(profilePath, "--profile", label, errors))
                {
                    builder.AddJsonFile(profilePath, optional: false, reloadOnChange: false);
                    labels.Add(_ => label);
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(request.ConfigFile))
        {
            string path = Path.GetFullPath(Path.Combine(cwd, request.ConfigFile));
            string label = "file:" + path;
            if (!File.Exists(path))
            {
                errors.Add(new ConfigError("--config", request.ConfigFile, "file not found: " + path, "cli"));
            }
            else if (CheckJson(path, "--config", label, errors))
            {
                builder.AddJsonFile(path, optional: false, reloadOnChange: false);
                labels.Add(_ => label);
            }
        }

        var env = new LabeledConfigurationProvider();
        foreach (var (name, value) in environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(ConfigRequest.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            string key = name[ConfigRequest.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
            if (key.Length > 0) env.Set(key, value, "env:" + name);
        }

        builder.Add(env);
        labels.Add(env.LabelFor);

        var cli = new LabeledConfigurationProvider();
        foreach (var o in request.Overrides) cli.Set(o.Key, o.Value, o.Source);
        builder.Add(cli);
        labels.Add(cli.LabelFor);

        if (errors.Count > 0) return new ConfigLoadResult(null, null, errors) { Warnings = warnings };

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or JsonException)
        {
            errors.Add(new ConfigError("configuration", string.Empty, "cannot be read: " + e.Message, "file"));
            return new ConfigLoadResult(null, null, errors) { Warnings = warnings };
        }

        var effective = Merge(root, labels, cwd, errors, warnings);
        var reader = new ConfigReader(effective, cwd);
        var options = BookmakerOptions.Bind(reader);
        errors.AddRange(reader.Errors);
        return new ConfigLoadResult(effective, errors.Count == 0 ? options : null, errors) { Warnings = warnings };
    }

    private static EffectiveConfig Merge(IConfigurationRoot root, List<Func<string, string>> labels, string cwd, List<ConfigError> errors, List<string> warnings)
    {
        var providers = root.Providers.ToArray();
        var entries = new List<ConfigEntry>();
        var winners = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        // The winner of a key is the last provider that has it: iterate in reverse, like ConfigurationRoot does.
        (string? Value, int Index) Resolve(string key)
        {
            for (int i = providers.Length - 1; i >= 0; i--)
            {
                if (providers[i].TryGet(key, out string? value)) return (value, i);
            }

            return (null, 0);
        }

        foreach (var info in ConfigCatalog.Keys)
        {
            var (value, index) = Resolve(info.Key);
            winners[info.Key] = index;
            entries.Add(new ConfigEntry(info.Key, value, labels[index](info.Key), info.IsSecret, IsKnown: true));
        }

        // Per-instrument overrides (MarketMaker:Markets:<symbol>:<key>) are known keys that exist only when a layer sets them.
        var overrides = root.AsEnumerable()
            .Where(kv => kv.Value is not null && !ConfigCatalog.IsDeclared(kv.Key) && ConfigCatalog.Find(kv.Key) is not null)
            .Select(kv => kv.Key)
            .Order(StringComparer.OrdinalIgnoreCase);
        foreach (string key in overrides)
        {
            var (value, index) = Resolve(key);
            winners[key] = index;
            entries.Add(new ConfigEntry(key, value, labels[index](key), ConfigCatalog.IsSecret(key), IsKnown: true));
        }

        var unknown = root.AsEnumerable()
            .Where(kv => kv.Value is not null && ConfigCatalog.Find(kv.Key) is null)
            .Select(kv => kv.Key)
            .Order(StringComparer.OrdinalIgnoreCase);
        foreach (string key in unknown)
        {
            var (value, index) = Resolve(key);
            var entry = new ConfigEntry(key, value, labels[index](key), ConfigCatalog.IsSecret(key), IsKnown: false);
            entries.Add(entry);
            errors.Add(new ConfigError(key, entry.DisplayValue, "unknown key (see docs/configuration.md for the keys Bookmaker reads)", entry.Source));
        }

        // A secret may come from a file named by <Key>File; the higher layer of the two wins.
        for (int i = 0; i < entries.Count; i++)
        {
            var secret = entries[i];
            if (!secret.IsSecret || !secret.IsKnown) continue;
            string fileKey = secret.Key + ConfigCatalog.SecretFileSuffix;
            // A sink's secret (a key that exists only when set) reads its file companion where it is bound.
            var fileEntry = entries.FirstOrDefault(e => e.Key == fileKey);
            if (fileEntry is null || string.IsNullOrWhiteSpace(fileEntry.Value)) continue;
            bool secretSet = !string.IsNullOrEmpty(secret.Value);
            if (secretSet && winners[secret.Key] > winners[fileKey]) continue;
            string path = Path.GetFullPath(Path.Combine(cwd, fileEntry.Value));
            try
            {
                string content = File.ReadAllText(path).Trim();
                entries[i] = secret with { Value = content, Source = $"secret-file:{path} (via {fileKey} from {fileEntry.Source})" };
                if (SecretFilePermissions.Warning(path, fileKey) is { } warning) warnings.Add(warning);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add(new ConfigError(fileKey, fileEntry.Value, "must name a readable file (" + e.GetType().Name + ")", fileEntry.Source));
            }
        }

        return new EffectiveConfig(entries);
    }

    private static string? LocateProfile(string profile, string cwd, IDictionary<string, string?> environment, List<ConfigError> errors)
    {
        if (profile.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            string path = Path.GetFullPath(Path.Combine(cwd, profile));
            if (File.Exists(path)) return path;
            errors.Add(new ConfigError("--profile", profile, "file not found: " + path, "cli"));
            return null;
        }

        if (!ProfileLocator.IsValidName(profile))
        {
            errors.Add(new ConfigError("--profile", profile, "must be a profile name (letters, digits, '-', '_') or a path to a .json file", "cli"));
            return null;
        }

        environment.TryGetValue(ConfigRequest.ProfilesDirVariable, out string? dir);
        var candidates = ProfileLocator.Candidates(profile, cwd, dir);
        string? found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            errors.Add(new ConfigError("--profile", profile,
                $"no profiles/{profile}.json found (looked in {ConfigRequest.ProfilesDirVariable}, the working directory and its parents)", "cli"));
        }

        return found;
    }

    /// <summary>
    /// Parses a JSON layer up front so a syntax error is reported with its file and line, and a key given twice with
    /// its name, its file and the line of the repeat — not as a crash or a message naming neither.
    /// </summary>
    private static bool CheckJson(string path, string flag, string label, List<ConfigError> errors)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            using var doc = JsonDocument.Parse(bytes,
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ConfigError(flag, path, "must contain a JSON object at the top level", label));
                return false;
            }

            var duplicates = JsonDuplicateKeys.Find(bytes);
            foreach (var d in duplicates)
            {
                string key = ConfigCatalog.Find(d.Key)?.Key ?? d.Key;
                errors.Add(new ConfigError(key, ConfigEntry.Display(key, d.Value),
                    $"is given twice in this file (again on line {d.Line}); each key may appear once in a layer", label));
            }

            return duplicates.Count == 0;
        }
        catch (JsonException e)
        {
            errors.Add(new ConfigError(flag, path, $"is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})", label));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigError(flag, path, "cannot be read (" + e.GetType().Name + ")", label));
        }

        return false;
    }

    private static string Shorten(string path, string cwd)
    {
        string rel = Path.GetRelativePath(cwd, path);
        return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? path : rel;
    }

    private static Dictionary<string, string?> ReadProcessEnvironment()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables()) env[(string)e.Key] = e.Value as string;
        return env;
    }
}
