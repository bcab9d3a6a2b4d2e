using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Resources;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Feeds;

/// <summary>
/// Reads member feed pages (docs/feeds.md) for one reader: the store's page of members this reader may see, each made
/// an entry in its current state. An instance's entry needs its active steps, so each instance on the page is read
/// from its stored state (with its definition from the engine's cache): a page costs its rows, never the table.
/// </summary>
public sealed class MemberFeeds(IEngineStore store, ProcessEngine engine, IOptions<FeedOptions> options)
{
    private IMemberFeedStore Members => store as IMemberFeedStore
        ?? throw new InvalidOperationException($"The store {store.GetType().Name} has no member feeds (IMemberFeedStore).");

    /// <summary>The page of <paramref name="feed"/> that <paramref name="token"/> names, as <paramref name="rights"/> may see it.</summary>
    public async Task<Resource> ReadAsync(MemberFeedDefinition feed, MemberFeedToken token, int? pageSize, Permissions rights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(rights);
        var size = Math.Clamp(pageSize ?? options.Value.PageSize, 1, PageRequest.MaxSize);
        var query = token.ToQuery(size) with { ProcessKey = feed.ProcessKey, Participant = feed.Participant, VisibleTo = rights.Viewer };
        if (feed.OfTasks)
        {
            var tasks = await Members.QueryTaskFeedAsync(query, cancellationToken);
            var taskEntries = tasks.Members.Select(m => MemberFeedResources.TaskEntry(m.Item, options.Value)).ToList();
            return MemberFeedResources.Feed(feed, token, pageSize, taskEntries, tasks, options.Value);
        }

        var instances = await Members.QueryInstanceFeedAsync(query, cancellationToken);
        var entries = new List<Resource>(instances.Members.Count);
        foreach (var member in instances.Members)
        {
            entries.Add(MemberFeedResources.InstanceEntry(await FactsAsync(member, cancellationToken), options.Value));
        }

        return MemberFeedResources.Feed(feed, token, pageSize, entries, instances, options.Value);
    }

    private async Task<InstanceFacts> FactsAsync(FeedMember<StoredInstance> member, CancellationToken cancellationToken)
    {
        var instance = InstanceStateSerializer.Deserialize(member.Item);
        var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
        var steps = instance.Tokens
            .Select(t => (process.Process.ElementsById.GetValueOrDefault(t.ActivityId) as Bpmn.Model.FlowElement)?.Name is { Length: > 0 } name ? name : t.ActivityId)
            .Distinct(StringComparer.Ordinal).ToList();
        return new InstanceFacts(instance.Id, instance.ProcessKey, instance.ProcessVersion, process.Record.Name, instance.BusinessKey, instance.State,
            instance.Revision, instance.StartedAt, instance.EndedAt, instance.UpdatedAt, member.StartedBy, steps);
    }
}
