using Bookmaker.Cli;
using YamlDotNet.RepresentationModel;

namespace Bookmaker.Cli.Tests.Sweep;

/// <summary>
/// <c>deploy/kubernetes/sweep-job.yaml</c> parses as YAML and is the Indexed Job the docs describe: N completions run N
/// at a time, each pod runs <c>bookmaker sweep --shard $(JOB_COMPLETION_INDEX)/N</c> into a shared volume, and its
/// arguments are ones the command accepts.
/// </summary>
public sealed class SweepJobYamlTests
{
    private static List<YamlMappingNode> Documents()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(SweepProcessTests.RepoRoot(), "deploy", "kubernetes", "sweep-job.yaml"))) stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Fact]
    public void Sweep_job_is_an_indexed_job_with_one_shard_per_pod_on_a_shared_volume()
    {
        var docs = Documents();
        var job = docs.Single(d => Scalar(d, "kind") == "Job");
        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("Indexed", Scalar(job, "spec", "completionMode"));
        int n = int.Parse(Scalar(job, "spec", "completions"));
        Assert.True(n >= 2);
        Assert.Equal(n, int.Parse(Scalar(job, "spec", "parallelism")));

        var pod = At(job, "spec", "template", "spec");
        Assert.Contains(Scalar(pod, "restartPolicy"), new[] { "Never", "OnFailure" });
        var container = (YamlMappingNode)((YamlSequenceNode)At(pod, "containers")).Children.Single();
        var command = ((YamlSequenceNode)At(container, "command")).Select(s => ((YamlScalarNode)s).Value!).ToList();
        var args = ((YamlSequenceNode)At(container, "args")).Select(s => ((YamlScalarNode)s).Value!).ToList();
        Assert.Equal(["bookmaker"], command);
        Assert.Equal("sweep", args[0]);
        Assert.Equal($"$(JOB_COMPLETION_INDEX)/{n}", args[args.IndexOf("--shard") + 1]);
        var env = ((YamlSequenceNode)At(container, "env")).Cast<YamlMappingNode>().Single(e => Scalar(e, "name") == "JOB_COMPLETION_INDEX");
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", Scalar(env, "valueFrom", "fieldRef", "fieldPath"));

        // --out lies on a volume every pod shares: a ReadWriteMany claim.
        string outDir = args[args.IndexOf("--out") + 1];
        var mount = ((YamlSequenceNode)At(container, "volumeMounts")).Cast<YamlMappingNode>().Single(m => outDir.StartsWith(Scalar(m, "mountPath") + "/", StringComparison.Ordinal));
        var volume = ((YamlSequenceNode)At(pod, "volumes")).Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == Scalar(mount, "name"));
        string claim = Scalar(volume, "persistentVolumeClaim", "claimName");
        var pvc = docs.Single(d => Scalar(d, "kind") == "PersistentVolumeClaim" && Scalar(d, "metadata", "name") == claim);
        Assert.Contains("ReadWriteMany", ((YamlSequenceNode)At(pvc, "spec", "accessModes")).Select(s => ((YamlScalarNode)s).Value));

        // The arguments are ones bookmaker sweep parses (the index as Kubernetes will substitute it).
        var shardArgs = args.Select(a => a.Replace("$(JOB_COMPLETION_INDEX)", "0", StringComparison.Ordinal)).ToArray();
        var parse = BookmakerCli.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null)).Parse(shardArgs);
        Assert.Empty(parse.Errors);
    }
}
