using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations.Formatters;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Feeds;

/// <summary>
/// Gives the resources that have an Atom form of their own that form (contract §1, §7), whatever controller answered:
/// a process is the member feed of its instances (every version), the instance collection the feed of all instances
/// (of <c>?process=</c> when given), an instance or a task its Atom Entry Document, advertised as an <c>alternate</c>
/// typed <c>application/atom+xml;type=entry</c>. The feed is read only when Atom is the representation chosen.
/// </summary>
public sealed class AtomStandIns(MemberFeeds members, IOptions<FeedOptions> options) : IAsyncResultFilter
{
    public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Result is ObjectResult { Value: Resource resource } result && result.StatusCode is null or StatusCodes.Status200OK)
        {
            Attach(resource, context.HttpContext);
        }

        return next();
    }

    private void Attach(Resource resource, HttpContext http)
    {
        var rights = Identity.Permissions.Of(http);
        switch (resource.Kind)
        {
            case ResourceKinds.Process when resource.Properties.GetValueOrDefault("key") is string key:
                var name = resource.Properties.GetValueOrDefault("name") as string ?? key;
                StandIn(resource, ct => members.ReadAsync(ProcessFeed(key, name), MemberFeedToken.First, null, rights, ct));
                break;
            case ResourceKinds.InstanceCollection:
                var process = http.Request.Query["process"].ToString();
                var feed = string.IsNullOrEmpty(process) ? Controllers.FeedsController.AllInstances : ProcessFeed(process, process);
                StandIn(resource, ct => members.ReadAsync(feed, MemberFeedToken.First, null, rights, ct));
                break;
            // The entry is built only if Atom is the representation chosen: most answers are HAL or HTML, and building
            // it for every instance or task answer was a few per cent of the bytes a lifecycle allocated (issue 18).
            case ResourceKinds.Instance when HasInstanceFacts(resource):
                resource.Links.Add(MemberFeedResources.EntryLink(resource.SelfHref));
                StandIn(resource, _ => Task.FromResult(InstanceEntry(resource)!));
                break;
            case ResourceKinds.Task when HasTaskFacts(resource):
                resource.Links.Add(MemberFeedResources.EntryLink(resource.SelfHref));
                StandIn(resource, _ => Task.FromResult(TaskEntry(resource)!));
                break;
        }
    }

    private static void StandIn(Resource resource, Func<CancellationToken, Task<Resource>> load) => resource.Extras[AtomOutputFormatter.StandInExtra] = load;

    private static MemberFeedDefinition ProcessFeed(string key, string name) =>
        new("process/" + Uri.EscapeDataString(key), $"Instances of {name}", Uris.ProcessFeed(key), [], Uris.Process(key), ProcessKey: key);

    private static bool HasInstanceFacts(Resource r) =>
        r.Extras.GetValueOrDefault(InstanceResources.InstanceExtra) is Engine.Instances.ProcessInstance
        && r.Extras.GetValueOrDefault(InstanceResources.ModelExtra) is Engine.Definitions.DeployedProcess;

    private static bool HasTaskFacts(Resource r) =>
        r.Properties.GetValueOrDefault("id") is string && r.Revision is not null && r.LastModified is not null;

    private Resource? InstanceEntry(Resource r)
    {
        if (r.Extras.GetValueOrDefault(InstanceResources.InstanceExtra) is not Engine.Instances.ProcessInstance i
            || r.Extras.GetValueOrDefault(InstanceResources.ModelExtra) is not Engine.Definitions.DeployedProcess process)
        {
            return null;
        }

        var steps = i.Tokens
            .Select(t => (process.Process.ElementsById.GetValueOrDefault(t.ActivityId) as Bpmn.Model.FlowElement)?.Name is { Length: > 0 } n ? n : t.ActivityId)
            .Distinct(StringComparer.Ordinal).ToList();
        return MemberFeedResources.InstanceEntry(new InstanceFacts(i.Id, i.ProcessKey, i.ProcessVersion, process.Record.Name, i.BusinessKey, i.State,
            i.Revision, i.StartedAt, i.EndedAt, i.UpdatedAt, r.Properties.GetValueOrDefault("startedBy") as string, steps), options.Value);
    }

    private Resource? TaskEntry(Resource r)
    {
        var p = r.Properties;
        if (p.GetValueOrDefault("id") is not string id || r.Revision is null || r.LastModified is not { } updated)
        {
            return null;
        }

        var task = new TaskRecord(id, p.GetValueOrDefault("instanceId") as string ?? string.Empty, string.Empty, string.Empty,
            p.GetValueOrDefault("processKey") as string ?? string.Empty, p.GetValueOrDefault("activityId") as string ?? string.Empty,
            p.GetValueOrDefault("name") as string ?? id, p.GetValueOrDefault("state") as string ?? string.Empty, p.GetValueOrDefault("assignee") as string,
            p.GetValueOrDefault("candidateUsers") as IReadOnlyList<string> ?? [], p.GetValueOrDefault("candidateGroups") as IReadOnlyList<string> ?? [],
            long.Parse(r.Revision, System.Globalization.CultureInfo.InvariantCulture), p.GetValueOrDefault("createdAt") as DateTimeOffset? ?? updated, updated,
            p.GetValueOrDefault("completedAt") as DateTimeOffset?, p.GetValueOrDefault("completedBy") as string);
        return MemberFeedResources.TaskEntry(task, options.Value);
    }
}
