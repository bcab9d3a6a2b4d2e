using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Feeds;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// The Atom feeds (docs/feeds.md): every feed has a subscription document and immutable archives
/// (<c>…/archive/{n}</c>). Like every resource they negotiate: Atom for feed readers, HAL or JSON otherwise.
/// The feeds across instances are for those who see every instance (operators, admins); anyone else reads the
/// feeds of the instances they see and the worklists of themselves and their groups.
/// </summary>
public sealed class FeedsController(ProcessEngine engine, FeedReader reader, IOptions<FeedOptions> options) : HypermediaController
{
    [HttpGet("/feeds/instances")]
    [HttpGet("/feeds/instances.{format}")]
    [HttpGet("/feeds/instances/archive/{archive:long}")]
    [HttpGet("/feeds/instances/archive/{archive:long}.{format}")]
    public Task<Resource> InstancesAsync(long? archive, CancellationToken cancellationToken) =>
        AcrossInstances().FeedAsync(new FeedDefinition("instances", "Process instances", new FeedFilter(FeedResources.LifecycleTypes), Uris.InstancesFeed, [], Uris.Instances),
            archive, cancellationToken);

    [HttpGet("/feeds/incidents")]
    [HttpGet("/feeds/incidents.{format}")]
    [HttpGet("/feeds/incidents/archive/{archive:long}")]
    [HttpGet("/feeds/incidents/archive/{archive:long}.{format}")]
    public Task<Resource> IncidentsAsync(long? archive, CancellationToken cancellationToken) =>
        AcrossInstances().FeedAsync(new FeedDefinition("incidents", "Incidents", new FeedFilter([HistoryTypes.IncidentCreated]), Uris.IncidentsFeed, [],
            Uris.WithQuery(Uris.Instances, ("state", "failed"))), archive, cancellationToken);

    [HttpGet("/processes/{key}/feed")]
    [HttpGet("/processes/{key}/feed.{format}")]
    [HttpGet("/processes/{key}/feed/archive/{archive:long}")]
    [HttpGet("/processes/{key}/feed/archive/{archive:long}.{format}")]
    public async Task<Resource> ProcessAsync(string key, long? archive, CancellationToken cancellationToken)
    {
        var process = await engine.GetLatestDefinitionAsync(key, cancellationToken);
        AcrossInstances();
        var feed = new FeedDefinition("process/" + Uri.EscapeDataString(key), $"Instances of {process.Name}",
            new FeedFilter(FeedResources.LifecycleTypes, ProcessKey: key), Uris.ProcessFeed(key), [], Uris.Process(key));
        return await FeedAsync(feed, archive, cancellationToken);
    }

    [HttpGet("/instances/{id}/feed")]
    [HttpGet("/instances/{id}/feed.{format}")]
    [HttpGet("/instances/{id}/feed/archive/{archive:long}")]
    [HttpGet("/instances/{id}/feed/archive/{archive:long}.{format}")]
    public async Task<Resource> InstanceAsync(string id, long? archive, CancellationToken cancellationToken)
    {
        var instance = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var feed = new FeedDefinition("instance/" + Uri.EscapeDataString(id), $"History of {instance.ProcessKey} #{InstanceResources.ShortId(id)}",
            new FeedFilter(InstanceId: id), Uris.InstanceFeed(id), [], Uris.Instance(id));
        return await FeedAsync(feed, archive, cancellationToken);
    }

    /// <summary>A participant's worklist: tasks assigned to <c>?user=</c> (or offered to them), or offered to <c>?group=</c>.</summary>
    [HttpGet("/feeds/worklist")]
    [HttpGet("/feeds/worklist.{format}")]
    [HttpGet("/feeds/worklist/archive/{archive:long}")]
    [HttpGet("/feeds/worklist/archive/{archive:long}.{format}")]
    public Task<Resource> WorklistAsync([FromQuery] string? user, [FromQuery] string? group, long? archive, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(user) == string.IsNullOrWhiteSpace(group))
        {
            throw new BadRequestException("INVALID_FILTER", "Say whose worklist: exactly one of 'user' and 'group'.",
                new Dictionary<string, object?> { ["user"] = user, ["group"] = group });
        }

        Rights.Demand(user is not null ? Rights.MayReadWorklist(ParticipantKinds.User, user) : Rights.MayReadWorklist(ParticipantKinds.Group, group!),
            Identity.Permissions.Operators, "read another participant's worklist");
        var feed = user is not null
            ? new FeedDefinition("worklist/user/" + Uri.EscapeDataString(user), $"Work for {user}", new FeedFilter(Participant: FeedFilter.User(user)),
                Uris.WorklistFeed, [("user", user)], Uris.WithQuery(Uris.Tasks, ("assignee", user)))
            : new FeedDefinition("worklist/group/" + Uri.EscapeDataString(group!), $"Work offered to {group}", new FeedFilter(Participant: FeedFilter.Group(group!)),
                Uris.WorklistFeed, [("group", group)], Uris.WithQuery(Uris.Tasks, ("candidateGroup", group)));
        return FeedAsync(feed, archive, cancellationToken);
    }

    /// <summary>The feeds across all instances are for those who see all of them.</summary>
    private FeedsController AcrossInstances()
    {
        Rights.Demand(Rights.SeesAll, Identity.Permissions.Operators, "read the feeds across every instance");
        return this;
    }

    private async Task<Resource> FeedAsync(FeedDefinition feed, long? archive, CancellationToken cancellationToken)
    {
        var page = archive is { } number
            ? await reader.ArchiveAsync(feed.Filter, number, cancellationToken)
                ?? throw new HttpProblemException(StatusCodes.Status404NotFound, "FEED_ARCHIVE_NOT_FOUND",
                    $"Archive {number} of this feed is not complete yet (or does not exist); follow the feed's prev-archive links.",
                    new Dictionary<string, object?> { ["archive"] = number })
            : await reader.SubscriptionAsync(feed.Filter, cancellationToken);
        return FeedResources.Feed(feed, page, options.Value);
    }
}
