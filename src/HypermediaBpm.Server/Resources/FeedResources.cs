using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Feeds;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// Feed documents as resources: the entries embedded as <c>item</c>, the RFC 5005 links, and the Atom-only
/// facts (ids, dates) as properties, so HAL/JSON show the same feed as Atom.
/// </summary>
public static class FeedResources
{
    /// <summary>The author of entries no person caused, and of every feed.</summary>
    public const string SystemAuthor = "HypermediaBpm";

    /// <summary>The <c>updated</c> of an empty feed: fixed, so an empty feed's validators do not change.</summary>
    public static readonly DateTimeOffset EmptyFeedUpdated = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The events of an instance's lifecycle, and of the reservations that are tentative starts: what the all-instances
    /// and per-process feeds hold.
    /// </summary>
    public static readonly IReadOnlyList<string> LifecycleTypes =
    [
        HistoryTypes.InstanceStarted, HistoryTypes.InstanceCompleted, HistoryTypes.InstanceCancelled,
        HistoryTypes.InstanceSuspended, HistoryTypes.InstanceResumed, HistoryTypes.IncidentCreated,
        HistoryTypes.ReservationCreated, HistoryTypes.ReservationConfirmed, HistoryTypes.ReservationCancelled, HistoryTypes.ReservationExpired,
    ];

    /// <summary>A feed document (subscription or archive) with its entries and links.</summary>
    public static Resource Feed(FeedDefinition feed, FeedPage page, FeedOptions options)
    {
        var self = page.Archive is { } number ? Uris.FeedArchive(feed.Path, number) : feed.Path;
        var r = new Resource(ResourceKinds.Feed, Uris.WithQuery(self, feed.Query))
        {
            Title = page.Archive is { } n ? $"{feed.Title} (archive {n.ToString(CultureInfo.InvariantCulture)})" : feed.Title,
        };
        var newest = page.Entries.Count > 0 ? page.Entries[0] : null;
        var updated = newest?.Timestamp ?? EmptyFeedUpdated;

        // The newest sequence names the content: entries are append-only and each document is a fixed window.
        r.Revision = string.Create(CultureInfo.InvariantCulture, $"f{newest?.Sequence ?? 0}.{page.Entries.Count}.{page.PrevArchive ?? -1}.{page.NextArchive ?? -1}");
        r.LastModified = updated;
        r.CacheControl = page.IsFinal ? "public, max-age=31536000, immutable" : null;
        r.Properties["id"] = TagUri(options, "feed/" + feed.Name);
        r.Properties["updated"] = updated;
        r.Properties["archive"] = page.Archive is not null;
        r.Properties["count"] = page.Entries.Count;
        r.Links.Add(new Link(Rels.Alternate, Variants.UriFor(feed.Alternate, "html"), "HTML page", MediaTypes.Html));
        r.Links.Add(new Link(Rels.Up, feed.Alternate));
        r.Links.Add(new Link(Rels.Current, Uris.WithQuery(feed.Path, feed.Query), "Newest entries"));
        if (page.PrevArchive is { } prev)
        {
            r.Links.Add(new Link(Rels.PrevArchive, Uris.WithQuery(Uris.FeedArchive(feed.Path, prev), feed.Query), "Older entries"));
        }

        if (page.NextArchive is { } next)
        {
            r.Links.Add(new Link(Rels.NextArchive, Uris.WithQuery(Uris.FeedArchive(feed.Path, next), feed.Query), "Newer entries"));
        }

        foreach (var e in page.Entries)
        {
            r.Embed(Rels.Item, Entry(e, options));
        }

        Variants.AddAlternates(r, "atom", "hal", "json");
        return r;
    }

    /// <summary>Links a resource to its feed: <c>bpm:feed</c> (negotiable) and <c>alternate</c> typed <c>application/atom+xml</c>.</summary>
    public static void LinkFeed(Resource resource, string feedHref, string title)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Links.Add(new Link(Rels.Feed, feedHref, title));
        resource.Links.Add(new Link(Rels.Alternate, Variants.UriFor(feedHref, "atom"), title, MediaTypes.Atom));
    }

    /// <summary>One event as a feed entry: its HAL resource (the task for task events, else the instance) is self and edit.</summary>
    public static Resource Entry(HistoryEvent e, FeedOptions options)
    {
        var data = Data(e.DataJson);
        if (BatchHistoryTypes.IsBatchEvent(e.Type))
        {
            return BatchEntry(e, data, options);
        }

        var reservation = HistoryTypes.IsReservationEvent(e.Type);
        var taskId = e.Type.StartsWith("task-", StringComparison.Ordinal) && data.GetValueOrDefault("task") is string t ? t : null;
        var target = reservation ? Uris.Reservation(e.InstanceId) : taskId is null ? Uris.Instance(e.InstanceId) : Uris.Task(taskId);
        var r = new Resource(ResourceKinds.FeedEntry, target) { Title = Title(e), LastModified = e.Timestamp };
        r.Properties["id"] = TagUri(options, "event/" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        r.Properties["sequence"] = e.Sequence;
        r.Properties["type"] = e.Type;
        r.Properties["published"] = e.Timestamp;
        r.Properties["updated"] = e.Timestamp;
        r.Properties["author"] = string.IsNullOrEmpty(e.User) ? SystemAuthor : e.User;
        r.Properties["processKey"] = e.ProcessKey;
        r.Properties[reservation ? "reservationId" : "instanceId"] = e.InstanceId;
        r.Properties["activityId"] = e.ActivityId;
        r.Properties["activityName"] = e.ActivityName;
        r.Properties["data"] = data.Count == 0 ? null : data;
        r.Links.Add(new Link(Rels.Edit, target));
        if (reservation)
        {
            r.Links.Add(new Link(Rels.Alternate, Variants.UriFor(target, "html"), "HTML page", MediaTypes.Html));
            r.Links.Add(new Link(Rels.Process, Uris.Process(e.ProcessKey)));
            if (data.GetValueOrDefault("instance") is string started)
            {
                r.Links.Add(new Link(Rels.Instance, Uris.Instance(started)));
            }

            return r;
        }

        r.Links.Add(new Link(Rels.Alternate, Variants.UriFor(Uris.Instance(e.InstanceId), "html"), "HTML page", MediaTypes.Html));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(e.InstanceId)));
        r.Links.Add(new Link(Rels.History, Uris.InstanceHistory(e.InstanceId)));
        return r;
    }

    /// <summary>A batch's event (its progress feed): the batch is self and edit; the chunk's counts are the data.</summary>
    private static Resource BatchEntry(HistoryEvent e, Dictionary<string, object?> data, FeedOptions options)
    {
        var target = Uris.Batch(e.InstanceId);
        var r = new Resource(ResourceKinds.FeedEntry, target) { Title = Title(e), LastModified = e.Timestamp };
        r.Properties["id"] = TagUri(options, "event/" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        r.Properties["sequence"] = e.Sequence;
        r.Properties["type"] = e.Type;
        r.Properties["published"] = e.Timestamp;
        r.Properties["updated"] = e.Timestamp;
        r.Properties["author"] = string.IsNullOrEmpty(e.User) ? SystemAuthor : e.User;
        r.Properties["batchId"] = e.InstanceId;
        r.Properties["data"] = data.Count == 0 ? null : data;
        r.Links.Add(new Link(Rels.Edit, target));
        r.Links.Add(new Link(Rels.Alternate, Variants.UriFor(target, "html"), "HTML page", MediaTypes.Html));
        return r;
    }

    /// <summary>"Task 'Approve' created — expense #1a2b3c4d": the event, then which instance of which process.</summary>
    public static string Title(HistoryEvent e)
    {
        var what = HistoryResources.Describe(e);
        if (e.Type == HistoryTypes.TaskCreated && e.ActivityName is null && Data(e.DataJson).GetValueOrDefault("name") is string name)
        {
            what = $"Task '{name}' created";
        }

        if (BatchHistoryTypes.IsBatchEvent(e.Type))
        {
            var data = Data(e.DataJson);
            var counts = data.GetValueOrDefault("processed") is { } processed
                ? $": {processed} of {data.GetValueOrDefault("total")} processed, {data.GetValueOrDefault("failed")} failed in this chunk"
                : data.GetValueOrDefault("total") is { } total ? $" ({total} instances)" : string.Empty;
            return $"{what}{counts} — batch #{InstanceResources.ShortId(e.InstanceId)}";
        }

        return HistoryTypes.IsReservationEvent(e.Type)
            ? $"{what} — {e.ProcessKey} reservation #{InstanceResources.ShortId(e.InstanceId)}"
            : $"{what} — {e.ProcessKey} #{InstanceResources.ShortId(e.InstanceId)}";
    }

    /// <summary>A tag URI (RFC 4151) under the configured authority: stable, never reused.</summary>
    public static string TagUri(FeedOptions options, string specific) =>
        $"tag:{options.TagAuthority},2026:{specific}";

    private static Dictionary<string, object?> Data(string? json)
    {
        if (json is null)
        {
            return new Dictionary<string, object?>();
        }

        using var doc = JsonDocument.Parse(json);
        return VariableJson.FromElement(doc.RootElement) as Dictionary<string, object?> ?? new Dictionary<string, object?>();
    }
}
