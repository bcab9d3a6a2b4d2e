using System.Globalization;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// Activity instances as resources (ruote's expressions): one token of an instance, linked to its parent scope
/// (<c>up</c>: the enclosing subprocess's activity instance, or the instance) and its children (<c>item</c>).
/// </summary>
public static class ActivityResources
{
    /// <summary>An active activity instance; <paramref name="mayCancel"/> adds the <c>cancel</c> template (a <c>DELETE</c> on it).</summary>
    public static Resource Active(ProcessInstance instance, DeployedProcess process, Token token, bool mayCancel)
    {
        var r = New(instance, token.Id, token.ActivityId, process, instance.Revision, instance.UpdatedAt);
        r.Properties["state"] = token.State.ToString().ToLowerInvariant();
        r.Properties["since"] = token.Since;
        r.Properties["endedAt"] = null;
        r.Properties["parentId"] = token.ScopeId;
        r.Properties["taskId"] = process.Process.ElementsById.GetValueOrDefault(token.ActivityId) is Bpmn.Model.UserTask ? token.WorkItemId : null;
        r.Properties["calledInstanceId"] = token.CalledInstanceId;
        r.Links.Add(new Link(Rels.Up, token.ScopeId is { } scope ? Uris.ActivityInstance(instance.Id, scope) : Uris.Instance(instance.Id)));
        foreach (var child in instance.Tokens.Where(t => t.ScopeId == token.Id))
        {
            r.Links.Add(new Link(Rels.Item, Uris.ActivityInstance(instance.Id, child.Id), NameOf(process, child.ActivityId)));
        }

        if (r.Properties["taskId"] is string taskId)
        {
            r.Links.Add(new Link(Rels.Related, Uris.Task(taskId), "Its task"));
        }

        if (token.CalledInstanceId is { } called)
        {
            r.Links.Add(new Link(Rels.Related, Uris.Instance(called), "The instance it called"));
        }

        if (mayCancel && !instance.IsEnded)
        {
            r.Templates.Add(new Template { Name = "cancel", Method = "DELETE", Target = r.SelfHref, Title = $"Cancel '{NameOf(process, token.ActivityId)}'" });
        }

        return r;
    }

    /// <summary>An activity instance that has ended, as its history tells it (no children, no templates).</summary>
    public static Resource Ended(ProcessInstance instance, DeployedProcess process, string id, HistoryEvent started, HistoryEvent? ended)
    {
        var r = New(instance, id, started.ActivityId ?? string.Empty, process, instance.Revision, ended?.Timestamp ?? started.Timestamp);
        r.Properties["state"] = ended?.Type.EndsWith("cancelled", StringComparison.Ordinal) == true ? "cancelled" : "completed";
        r.Properties["since"] = started.Timestamp;
        r.Properties["endedAt"] = ended?.Timestamp ?? started.Timestamp;
        r.Properties["parentId"] = null;
        r.Properties["user"] = ended?.User ?? started.User;
        r.Links.Add(new Link(Rels.Up, Uris.Instance(instance.Id)));
        r.Links.Add(new Link(Rels.History, Uris.InstanceHistory(instance.Id), "History"));
        return r;
    }

    private static Resource New(ProcessInstance instance, string id, string activityId, DeployedProcess process, long revision, DateTimeOffset modified)
    {
        var name = NameOf(process, activityId);
        var r = new Resource(ResourceKinds.ActivityInstance, Uris.ActivityInstance(instance.Id, id))
        {
            Title = name ?? activityId,
            Revision = revision.ToString(CultureInfo.InvariantCulture),
            LastModified = modified,
        };
        r.Properties["id"] = id;
        r.Properties["activityId"] = activityId;
        r.Properties["name"] = name;
        r.Properties["instanceId"] = instance.Id;
        r.Links.Add(new Link(Rels.Collection, Uris.InstanceActivities(instance.Id)));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(instance.Id)));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    private static string? NameOf(DeployedProcess process, string activityId) =>
        (process.Process.ElementsById.GetValueOrDefault(activityId) as Bpmn.Model.FlowElement)?.Name;
}
