using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// What a person needs to see to do a piece of work: the business key and the data the task's form and the process's
/// start form declare, labelled as the model labels them. The pages (home inbox, task page) show it; machine clients
/// read the instance's variables instead, so these resources are only loaded for HTML (<see cref="Resource.Related"/>).
/// </summary>
public static class WorkResources
{
    /// <summary>The relation under which the home page's inbox is loaded.</summary>
    public const string InboxRelated = "inbox";

    /// <summary>The relation under which a task page's instance context (business data, process, history) is loaded.</summary>
    public const string WorkRelated = "work";

    /// <summary>How many tasks of each kind (mine, claim-able) the home page lists; the task list has the rest.</summary>
    public const int InboxSize = 10;

    /// <summary>At most this many values make a task's summary in the inbox: enough to tell one order from another.</summary>
    public const int SummaryValues = 4;

    /// <summary>
    /// The signed-in user's inbox: tasks claimed by them, then tasks they can claim (assignee, candidate user, one of
    /// their groups — an administrator's too, not everyone's), each newest first, with business key and data.
    /// </summary>
    public static async Task<Resource> InboxAsync(ProcessEngine engine, Permissions rights, CancellationToken cancellationToken)
    {
        var me = rights.Name ?? string.Empty;
        var viewer = new Viewer(me, [.. rights.Groups]);
        var page = new PageRequest(InboxSize);
        var mine = await engine.Store.QueryTasksAsync(new TaskQuery(page, TaskStates.Claimed, Assignee: me), cancellationToken);
        var claimable = await engine.Store.QueryTasksAsync(new TaskQuery(page, TaskStates.Open, VisibleTo: viewer), cancellationToken);
        var inbox = new Resource(ResourceKinds.Inbox, Uris.Root) { Title = "My work" };
        inbox.Properties["mine"] = mine.Total;
        inbox.Properties["claimable"] = claimable.Total;
        foreach (var task in mine.Items.Concat(claimable.Items))
        {
            var item = await ItemAsync(engine, task, rights, cancellationToken);
            inbox.Embed(task.State == TaskStates.Claimed ? "mine" : "claimable", item);
        }

        return inbox;
    }

    private static async Task<Resource> ItemAsync(ProcessEngine engine, TaskRecord task, Permissions rights, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(task.InstanceId, cancellationToken);
        var process = await engine.GetDeployedAsync(task.DefinitionId, cancellationToken);
        var item = TaskResources.Summary(task);
        item.Properties["businessKey"] = instance.BusinessKey;
        item.Properties["processName"] = process.Record.Name;
        item.Properties["data"] = Data(instance, process, process.Process.ElementsById.GetValueOrDefault(task.ActivityId) as UserTask)
            .Where(d => d.Value is not null).Take(SummaryValues).ToList();
        if (rights.MayClaim(task) && instance.State is InstanceStates.Running or InstanceStates.Failed)
        {
            item.Templates.Add(new Template { Name = "claim", Method = "POST", Target = Uris.TaskAction(task.Id, "claim"), Title = "Claim" });
        }

        return item;
    }

    /// <summary>
    /// The instance's context of a task for its page: business key, process name and documentation, the business data
    /// (form fields first, then the rest of the instance's variables) and the latest history.
    /// </summary>
    public static async Task<Resource> WorkAsync(ProcessEngine engine, TaskRecord task, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(task.InstanceId, cancellationToken);
        var process = await engine.GetDeployedAsync(task.DefinitionId, cancellationToken);
        var node = process.Process.ElementsById.GetValueOrDefault(task.ActivityId) as UserTask;
        var work = new Resource(ResourceKinds.Work, Uris.Instance(instance.Id)) { Title = process.Record.Name };
        work.Properties["businessKey"] = instance.BusinessKey;
        work.Properties["instanceState"] = instance.State;
        work.Properties["processName"] = process.Record.Name;
        work.Properties["processDocumentation"] = process.Process.Documentation;
        var declared = Data(instance, process, node).ToList();
        var rest = instance.Variables.Where(v => declared.All(d => d.Name != v.Key))
            .Select(v => new BusinessValue(v.Key, v.Key, v.Value, "variable"));
        work.Properties["data"] = declared.Concat(rest).ToList();
        var history = await engine.Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(10, FromEnd: true), instance.Id), cancellationToken);
        foreach (var e in history.Items.Reverse())
        {
            work.Embed(Representations.Rels.History, HistoryResources.Entry(e));
        }

        return work;
    }

    /// <summary>The values the model declares, in its order: the task's form fields, then the start form's.</summary>
    public static IEnumerable<BusinessValue> Data(ProcessInstance instance, DeployedProcess process, UserTask? task)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fields = (task?.FormFields ?? []).Select(f => (Field: f, Source: "task"))
            .Concat((process.NoneStartEvent?.FormFields ?? []).Select(f => (Field: f, Source: "process")));
        foreach (var (field, source) in fields)
        {
            if (seen.Add(field.Id))
            {
                yield return new BusinessValue(field.Id, string.IsNullOrWhiteSpace(field.Label) ? field.Id : field.Label, instance.Variables.GetValueOrDefault(field.Id), source);
            }
        }
    }
}

/// <summary>One value of the work: variable name, the label a person reads, the value, and who declares it (task, process, variable).</summary>
public sealed record BusinessValue(string Name, string Label, object? Value, string Source);
