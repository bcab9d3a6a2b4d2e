using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Representations.Svg;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// The operations view (operators, administrators): per process how many instances run, are suspended and failed;
/// per process its diagram as a heatmap of what waits where, what failed where and where the time goes.
/// </summary>
public static class OperationsResources
{
    /// <summary>The relation under which the home page loads the per-process counts for operators.</summary>
    public const string OverviewRelated = "operations";

    /// <summary>Every process with instances, with its counts per state, failed first.</summary>
    public static async Task<Resource> OverviewAsync(ProcessEngine engine, CancellationToken cancellationToken)
    {
        var counts = await engine.Store.QueryInstanceCountsAsync(cancellationToken);
        var r = new Resource(ResourceKinds.Operations, Uris.Operations) { Title = "Operations" };
        var byProcess = counts.GroupBy(c => c.ProcessKey, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Count: (Func<string, long>)(state => g.Where(c => c.State == state).Sum(c => c.Count))))
            .OrderByDescending(p => p.Count(InstanceStates.Failed)).ThenBy(p => p.Key, StringComparer.Ordinal);
        foreach (var (key, count) in byProcess)
        {
            var latest = await engine.Store.GetLatestDefinitionAsync(key, cancellationToken);
            var item = new Resource(ResourceKinds.ProcessOperations, Uris.ProcessOperations(key)) { Title = latest?.Name ?? key };
            item.Properties["processKey"] = key;
            item.Properties["running"] = count(InstanceStates.Running);
            item.Properties["suspended"] = count(InstanceStates.Suspended);
            item.Properties["failed"] = count(InstanceStates.Failed);
            item.Properties["completed"] = count(InstanceStates.Completed);
            item.Links.Add(new Link(Rels.Process, Uris.Process(key), latest?.Name));
            r.Links.Add(new Link(Rels.Item, item.SelfHref, item.Title));
            r.Embed(Rels.Item, item);
        }

        r.Links.Add(new Link(Rels.Up, Uris.Root));
        r.Links.Add(new Link(Rels.Incidents, Uris.Incidents, "Incidents"));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    /// <summary>One process: its statistics per element (by name) and the heatmap diagram.</summary>
    public static Resource Process(DeployedProcess deployed, IReadOnlyList<ActivityStatistics> statistics, IReadOnlyList<InstanceSummary> failed)
    {
        var d = deployed.Record;
        var r = new Resource(ResourceKinds.ProcessOperations, Uris.ProcessOperations(d.Key)) { Title = $"{d.Name}: operations" };
        r.Properties["processKey"] = d.Key;
        r.Properties["processName"] = d.Name;
        r.Properties["elements"] = statistics.Select(s => new Dictionary<string, object?>
        {
            ["activityId"] = s.ActivityId,
            ["name"] = NameOf(deployed, s.ActivityId),
            ["waiting"] = s.Waiting,
            ["incidents"] = s.Incidents,
            ["completed"] = s.Completed,
            ["averageSeconds"] = s.AverageTime is { } average ? Math.Round(average.TotalSeconds, 3) : null,
        }).ToList();
        foreach (var instance in failed)
        {
            var item = InstanceResources.Summary(instance);
            r.Links.Add(new Link(Rels.Item, item.SelfHref, item.Title));
            r.Embed(Rels.Item, item);
        }

        r.Links.Add(new Link(Rels.Up, Uris.Operations, "Operations"));
        r.Links.Add(new Link(Rels.Process, Uris.Process(d.Key), d.Name));
        r.Links.Add(new Link(Rels.Diagram, HeatmapUri(d.Key), "Heatmap", MediaTypes.Svg));
        r.Links.Add(new Link(Rels.Instances, Uris.WithQuery(Uris.Instances, ("process", d.Key), ("state", InstanceStates.Failed)), "Failed instances"));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    public static string HeatmapUri(string key) => Uris.ProcessOperations(key) + "/diagram";

    /// <summary>
    /// The heatmap: each element's count of waiting tokens as a badge, its heat (time spent, relative to the slowest
    /// element: five steps) as a class, incidents marked as such; shapes link to the instances failed or waiting there.
    /// </summary>
    public static Resource Heatmap(DeployedProcess deployed, IReadOnlyList<ActivityStatistics> statistics)
    {
        var d = deployed.Record;
        var r = new Resource(ResourceKinds.Diagram, HeatmapUri(d.Key)) { Title = $"{d.Name}: heatmap", LastModified = d.UpdatedAt };
        var state = new DiagramState();
        var slowest = statistics.Select(s => s.AverageTime ?? TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max();
        foreach (var s in statistics)
        {
            if (s.Waiting > 0)
            {
                state.Counts[s.ActivityId] = (int)Math.Min(int.MaxValue, s.Waiting);
                state.Active.Add(s.ActivityId);
            }

            if (s.Incidents > 0)
            {
                state.Incidents.Add(s.ActivityId);
                state.Links[s.ActivityId] = Uris.WithQuery(Uris.Instances, ("process", d.Key), ("state", InstanceStates.Failed));
            }

            if (s.AverageTime is { } average && slowest > TimeSpan.Zero)
            {
                state.Heat[s.ActivityId] = (int)Math.Ceiling(4 * average.Ticks / (double)slowest.Ticks);
            }
        }

        r.Properties["processKey"] = d.Key;
        r.Properties["processVersion"] = d.Version;
        r.Extras[ProcessResources.ModelExtra] = deployed;
        r.Extras[DiagramResources.StateExtra] = state;
        r.Links.Add(new Link(Rels.Up, Uris.ProcessOperations(d.Key)));
        r.Links.Add(new Link(Rels.Process, Uris.Process(d.Key), d.Name));
        Variants.AddAlternates(r, "svg", "hal", "json");
        return r;
    }

    /// <summary>An element's name as the model gives it; its id only where it has none.</summary>
    public static string NameOf(DeployedProcess deployed, string id) =>
        deployed.Process.ElementsById.GetValueOrDefault(id) is FlowElement { Name: { Length: > 0 } name } ? name : id;

    public static string Seconds(double seconds) => seconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min"),
        < 172800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0.#} days"),
    };
}
