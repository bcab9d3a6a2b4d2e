using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Representations.Svg;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// Diagrams as resources: the model of a process version (with how many open tasks wait at each user task) or
/// of an instance (with its live state). They exist apart from the process and instance so that only they pay
/// for the history and task reads the overlay needs.
/// </summary>
public static class DiagramResources
{
    /// <summary>The <see cref="DiagramState"/> the SVG formatter draws over the model.</summary>
    public const string StateExtra = "diagram-state";

    /// <summary>The diagram of a process version; <paramref name="waiting"/> counts open user tasks by activity id.</summary>
    public static Resource Process(DeployedProcess deployed, bool asLatest, IReadOnlyDictionary<string, int> waiting)
    {
        var d = deployed.Record;
        var owner = asLatest ? Uris.Process(d.Key) : Uris.ProcessVersion(d.Key, d.Version);
        var self = asLatest ? Uris.ProcessDiagram(d.Key) : Uris.ProcessVersionDiagram(d.Key, d.Version);

        // No revision: the counts change with every task, so each request revalidates.
        var r = new Resource(ResourceKinds.Diagram, self) { Title = $"{d.Name} v{d.Version} (diagram)", LastModified = d.UpdatedAt };
        var state = new DiagramState();
        foreach (var (activity, count) in waiting)
        {
            state.Counts[activity] = count;
        }

        foreach (var element in deployed.Process.ElementsById.Values)
        {
            if (element is UserTask)
            {
                state.Links[element.Id] = Uris.WithQuery(Uris.Tasks, ("process", d.Key));
            }
            else if (element is CallActivity { CalledElement: { Length: > 0 } called } && !called.Contains("${", StringComparison.Ordinal))
            {
                state.Links[element.Id] = Uris.Process(called);
            }
        }

        r.Properties["processKey"] = d.Key;
        r.Properties["processVersion"] = d.Version;
        r.Properties["hasLayout"] = SvgDiagramWriter.SelectDiagram(deployed.Definitions) is not null;
        r.Properties["waiting"] = waiting.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
        r.Extras[ProcessResources.ModelExtra] = deployed;
        r.Extras[StateExtra] = state;
        r.Links.Add(new Link(Rels.Up, owner, d.Name));
        r.Links.Add(new Link(Rels.Process, owner, d.Name));
        Variants.AddAlternates(r, "svg", "hal", "json");
        return r;
    }

    /// <summary>The diagram of an instance: where its tokens are, what it has done (from <paramref name="history"/>) and what failed.</summary>
    public static Resource Instance(ProcessInstance i, DeployedProcess process, IEnumerable<HistoryEvent> history)
    {
        var r = new Resource(ResourceKinds.Diagram, Uris.InstanceDiagram(i.Id))
        {
            Title = $"{process.Record.Name} #{InstanceResources.ShortId(i.Id)} (diagram)",
            Revision = i.Revision.ToString(CultureInfo.InvariantCulture),
            LastModified = i.UpdatedAt,
        };
        var state = InstanceState(i, history);
        r.Properties["instanceId"] = i.Id;
        r.Properties["state"] = i.State;
        r.Properties["processKey"] = i.ProcessKey;
        r.Properties["processVersion"] = i.ProcessVersion;
        r.Properties["active"] = state.Active.Order(StringComparer.Ordinal).ToList();
        r.Properties["completed"] = state.Completed.Order(StringComparer.Ordinal).ToList();
        r.Properties["takenFlows"] = state.TakenFlows.Order(StringComparer.Ordinal).ToList();
        r.Properties["incidents"] = state.Incidents.Order(StringComparer.Ordinal).ToList();
        r.Extras[InstanceResources.ModelExtra] = process;
        r.Extras[StateExtra] = state;
        r.Extras[StepsExtra] = Steps(history);
        r.Links.Add(new Link(Rels.Up, Uris.Instance(i.Id)));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(i.Id)));
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(i.ProcessKey, i.ProcessVersion), process.Record.Name));
        Variants.AddAlternates(r, "svg", "hal", "json");
        return r;
    }

    /// <summary>The steps of an instance's history a page lists for replay (<c>?at=</c>): entries at an element.</summary>
    public const string StepsExtra = "diagram-steps";

    /// <summary>How many steps a replay list shows (the latest ones).</summary>
    public const int MaxSteps = 200;

    /// <summary>
    /// The instance's diagram as it was after history entry <paramref name="at"/>: what was active, done, taken and
    /// failed then, worked out from the history alone (the instance's tokens are today's, not then's).
    /// </summary>
    public static Resource Replay(ProcessInstance i, DeployedProcess process, IReadOnlyList<HistoryEvent> history, long at)
    {
        var r = new Resource(ResourceKinds.Diagram, Uris.WithQuery(Uris.InstanceDiagram(i.Id), ("at", at.ToString(CultureInfo.InvariantCulture))))
        {
            Title = $"{process.Record.Name} #{InstanceResources.ShortId(i.Id)} (diagram, step {at})",
            Revision = i.Revision.ToString(CultureInfo.InvariantCulture) + "-at-" + at.ToString(CultureInfo.InvariantCulture),
            LastModified = i.UpdatedAt,
        };
        var state = new DiagramState();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in history.Where(e => e.Sequence <= at))
        {
            if (e.ActivityId is not { } activity)
            {
                continue;
            }

            switch (e.Type)
            {
                case HistoryTypes.ActivityStarted:
                    open[activity] = open.GetValueOrDefault(activity) + 1;
                    break;
                case HistoryTypes.ActivityCompleted or HistoryTypes.ActivityCancelled:
                    open[activity] = open.GetValueOrDefault(activity) - 1;
                    break;
                case HistoryTypes.IncidentCreated:
                    failed[activity] = failed.GetValueOrDefault(activity) + 1;
                    break;
                case HistoryTypes.IncidentRetried or HistoryTypes.IncidentResolved:
                    failed[activity] = failed.GetValueOrDefault(activity) - 1;
                    break;
            }

            if (e.Type is HistoryTypes.ActivityPassed or HistoryTypes.ActivityCompleted)
            {
                state.Completed.Add(activity);
            }

            if (e.ElementId is { } flow && e.Type is HistoryTypes.ActivityPassed or HistoryTypes.ActivityStarted)
            {
                state.TakenFlows.Add(flow);
            }
        }

        state.Active.UnionWith(open.Where(p => p.Value > 0).Select(p => p.Key));
        state.Incidents.UnionWith(failed.Where(p => p.Value > 0).Select(p => p.Key));
        r.Properties["instanceId"] = i.Id;
        r.Properties["at"] = at;
        r.Properties["processKey"] = i.ProcessKey;
        r.Properties["processVersion"] = i.ProcessVersion;
        r.Properties["active"] = state.Active.Order(StringComparer.Ordinal).ToList();
        r.Properties["completed"] = state.Completed.Order(StringComparer.Ordinal).ToList();
        r.Properties["takenFlows"] = state.TakenFlows.Order(StringComparer.Ordinal).ToList();
        r.Properties["incidents"] = state.Incidents.Order(StringComparer.Ordinal).ToList();
        r.Extras[InstanceResources.ModelExtra] = process;
        r.Extras[StateExtra] = state;
        r.Extras[StepsExtra] = Steps(history);
        r.Links.Add(new Link(Rels.Up, Uris.InstanceDiagram(i.Id), "The diagram now"));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(i.Id)));
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(i.ProcessKey, i.ProcessVersion), process.Record.Name));
        Variants.AddAlternates(r, "svg", "hal", "json");
        return r;
    }

    private static List<HistoryEvent> Steps(IEnumerable<HistoryEvent>? history) =>
        (history ?? []).Where(e => e.ActivityId is not null).TakeLast(MaxSteps).ToList();

    /// <summary>
    /// The overlay of an instance: tokens make activities active (failed tokens and incidents make them
    /// incidents), passed and completed activities and the flows tokens arrived by come from the history.
    /// With no history only the tokens are known.
    /// </summary>
    public static DiagramState InstanceState(ProcessInstance i, IEnumerable<HistoryEvent>? history)
    {
        var state = new DiagramState();
        foreach (var token in i.Tokens)
        {
            (token.State == TokenState.Failed ? state.Incidents : state.Active).Add(token.ActivityId);
            state.Links[token.ActivityId] = token switch
            {
                { WorkItemId: { } task } => Uris.Task(task),
                { CalledInstanceId: { } called } => Uris.Instance(called), // a call activity: the instance it called
                _ => Uris.InstanceActivities(i.Id),
            };
        }

        foreach (var incident in i.Incidents)
        {
            state.Incidents.Add(incident.ActivityId);
            state.Links[incident.ActivityId] = Uris.Instance(i.Id);
        }

        foreach (var group in i.Tokens.GroupBy(t => t.ActivityId).Where(g => g.Count() > 1))
        {
            state.Counts[group.Key] = group.Count();
        }

        foreach (var e in history ?? [])
        {
            if (e.ActivityId is { } activity && e.Type is HistoryTypes.ActivityPassed or HistoryTypes.ActivityCompleted)
            {
                state.Completed.Add(activity);
                state.Links.TryAdd(activity, Uris.InstanceHistory(i.Id));
            }

            if (e.ElementId is { } flow && e.Type is HistoryTypes.ActivityPassed or HistoryTypes.ActivityStarted)
            {
                state.TakenFlows.Add(flow);
            }
        }

        return state;
    }
}
