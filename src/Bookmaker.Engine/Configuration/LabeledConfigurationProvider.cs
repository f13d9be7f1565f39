using Microsoft.Extensions.Configuration;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// An in-memory configuration layer that remembers, per key, which input set it (an environment variable's name,
/// <c>cli</c> or <c>cli:--seed</c>), so <c>config show</c> can name the exact origin and not only the layer.
/// </summary>
internal sealed class LabeledConfigurationProvider : ConfigurationProvider, IConfigurationSource
{
    private readonly Dictionary<string, string> _labels = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets <paramref name="key"/> (later calls win) and records its label.</summary>
    public void Set(string key, string? value, string label)
    {
        Data[key] = value;
        _labels[key] = label;
    }

    /// <summary>The label recorded for <paramref name="key"/>.</summary>
    public string LabelFor(string key) => _labels.GetValueOrDefault(key, "unknown");

    /// <summary>Nothing to load: the data is set before the root is built.</summary>
    public override void Load()
    {
    }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
