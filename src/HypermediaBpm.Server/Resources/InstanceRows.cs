using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// What a person reads in a list of instances beyond the queryable columns: the process's name, who started it and
/// which steps are active. Loaded only for the HTML list (<see cref="Resource.Related"/>), one page of rows at a time.
/// </summary>
public static class InstanceRows
{
    /// <summary>The relation under which an instance list loads its rows' details.</summary>
    public const string Related = "rows";

    /// <summary>One resource per listed instance (same <see cref="Resource.SelfHref"/>) holding <c>processName</c>, <c>startedBy</c>, <c>activeSteps</c>.</summary>
    public static async Task<Resource> LoadAsync(ProcessEngine engine, IReadOnlyList<InstanceSummary> items, CancellationToken cancellationToken)
    {
        var rows = new Resource(ResourceKinds.InstanceCollection, Uris.Instances);
        foreach (var summary in items)
        {
            var process = await engine.GetDeployedAsync(summary.DefinitionId, cancellationToken);
            var instance = await engine.GetInstanceAsync(summary.Id, cancellationToken);
            var first = await engine.Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(1), summary.Id), cancellationToken);
            var row = new Resource(ResourceKinds.Instance, Uris.Instance(summary.Id));
            row.Properties["processName"] = process.Record.Name;
            row.Properties["startedBy"] = first.Items.Count > 0 ? first.Items[0].User : null;
            row.Properties["activeSteps"] = instance.Tokens
                .Select(t => process.Process.ElementsById.GetValueOrDefault(t.ActivityId) is FlowElement { Name: { Length: > 0 } name } ? name : t.ActivityId)
                .Distinct(StringComparer.Ordinal).ToList();
            rows.Embed(Rels.Item, row);
        }

        return rows;
    }
}
