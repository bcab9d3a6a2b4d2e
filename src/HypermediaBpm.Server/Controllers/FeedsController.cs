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
/// The Atom feeds (docs/feeds.md), of two kinds. Member feeds (a process's instances, all instances, a worklist's
/// tasks) hold one entry per member in its latest state, newest change first, paged per RFC 5005 §3; everyone reads
/// them, each seeing only the members they may see. Event feeds (all events, incidents, an instance's history) are
/// append-only, archived per RFC 5005 §4; those across every instance are for those who see every instance (operators,
/// admins). Like every resource they negotiate: Atom for feed readers, an HTML page for browsers, HAL or JSON otherwise.
/// </summary>
public sealed class FeedsController(ProcessEngine engine, FeedReader reader, MemberFeeds members, IOptions<FeedOptions> options) : HypermediaController
{
    [HttpGet("/feeds/instances")]
    [HttpGet("/feeds/instances.{format}")]
    public Task<Resource> InstancesAsync([FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken) =>
        MembersAsync(AllInstances, page, pageSize, cancellationToken);

    [HttpGet("/feeds/events")]
    [HttpGet("/feeds/events.{format}")]
    [HttpGet("/feeds/events/archive/{archive:long}")]
    [HttpGet("/feeds/events/archive/{archive:long}.{format}")]
    public Task<Resource> EventsAsync(long? archive, CancellationToken cancellationToken) =>
        AcrossInstances().FeedAsync(new FeedDefinition("events", "All events", new FeedFilter(), Uris.EventsFeed, [], Uris.Instances), archive, cancellationToken);

    [HttpGet("/feeds/incidents")]
    [HttpGet("/feeds/incidents.{format}")]
    [HttpGet("/feeds/incidents/archive/{archive:long}")]
    [HttpGet("/feeds/incidents/archive/{archive:long}.{format}")]
    public Task<Resource> IncidentsAsync(long? archive, CancellationToken cancellationToken) =>
        AcrossInstances().FeedAsync(new FeedDefinition("incidents", "Incidents", new FeedFilter([HistoryTypes.IncidentCreated]), Uris.IncidentsFeed, [],
            Uris.WithQuery(Uris.Instances, ("state", "failed"))), archive, cancellationToken);

    /// <summary>The instances of one process (every version): the process's own Atom representation.</summary>
    [HttpGet("/processes/{key}/feed")]
    [HttpGet("/processes/{key}/feed.{format}")]
    public async Task<Resource> ProcessAsync(string key, [FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken) =>
        await MembersAsync(await ProcessFeedAsync(engine, key, cancellationToken), page, pageSize, cancellationToken);

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

    /// <summary>A participant's worklist: the tasks assigned to <c>?user=</c> or offered to them, or offered to <c>?group=</c>.</summary>
    [HttpGet("/feeds/worklist")]
    [HttpGet("/feeds/worklist.{format}")]
    public Task<Resource> WorklistAsync([FromQuery] string? user, [FromQuery] string? group, [FromQuery] string? page, [FromQuery] int? pageSize,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(user) == string.IsNullOrWhiteSpace(group))
        {
            throw new BadRequestException("INVALID_FILTER", "Say whose worklist: exactly one of 'user' and 'group'.",
                new Dictionary<string, object?> { ["user"] = user, ["group"] = group });
        }

        Rights.Demand(user is not null ? Rights.MayReadWorklist(ParticipantKinds.User, user) : Rights.MayReadWorklist(ParticipantKinds.Group, group!),
            Identity.Permissions.Operators, "read another participant's worklist");
        var feed = user is not null
            ? new MemberFeedDefinition("worklist/user/" + Uri.EscapeDataString(user), $"Work for {user}", Uris.WorklistFeed, [("user", user)],
                Uris.WithQuery(Uris.Tasks, ("assignee", user)), Participant: FeedFilter.User(user))
            : new MemberFeedDefinition("worklist/group/" + Uri.EscapeDataString(group!), $"Work offered to {group}", Uris.WorklistFeed, [("group", group)],
                Uris.WithQuery(Uris.Tasks, ("candidateGroup", group)), Participant: FeedFilter.Group(group!));
        return MembersAsync(feed, page, pageSize, cancellationToken);
    }

    /// <summary>The member feed of every instance.</summary>
    public static MemberFeedDefinition AllInstances { get; } = new("instances", "Process instances", Uris.InstancesFeed, [], Uris.Instances);

    /// <summary>The member feed of one process's instances (404 when there is no such process).</summary>
    public static async Task<MemberFeedDefinition> ProcessFeedAsync(ProcessEngine engine, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var process = await engine.GetLatestDefinitionAsync(key, cancellationToken);
        return new MemberFeedDefinition("process/" + Uri.EscapeDataString(key), $"Instances of {process.Name}", Uris.ProcessFeed(key), [],
            Uris.Process(key), ProcessKey: key);
    }

    private Task<Resource> MembersAsync(MemberFeedDefinition feed, string? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (!MemberFeedToken.TryParse(page, out var token))
        {
            throw new BadRequestException(ProblemCodes.InvalidPage, "The 'page' value is not one this server gave out; follow the feed's first/next/previous/last links.",
                new Dictionary<string, object?> { ["page"] = page });
        }

        return members.ReadAsync(feed, token, pageSize is null ? null : Math.Clamp(pageSize.Value, 1, PageRequest.MaxSize), Rights, cancellationToken);
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
        if (page is { Archive: { } removed, Prunable: true, Entries.Count: 0 })
        {
            // Retention took every entry: the archive is gone for good, and no prev-archive link leads here any more.
            throw new HttpProblemException(StatusCodes.Status410Gone, ProblemCodes.FeedArchiveRemoved,
                $"Archive {removed} of this feed has no entries left: history retention removed the ended instances they belonged to.",
                new Dictionary<string, object?> { ["archive"] = removed });
        }

        return FeedResources.Feed(feed, page, options.Value);
    }
}
