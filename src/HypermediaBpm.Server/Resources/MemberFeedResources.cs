using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Feeds;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// Member feeds as resources (docs/feeds.md): one entry per instance or task in its latest state, newest change first,
/// paged per RFC 5005 §3 (<c>first</c>, <c>next</c>, <c>previous</c>/<c>prev</c>, <c>last</c>). The entries are also
/// each member's Atom Entry Document.
/// </summary>
public static class MemberFeedResources
{
    /// <summary>RFC 5005 §3's name of the link to the previous page (the contract's HTML and HAL pages say <c>prev</c>; feeds carry both).</summary>
    public const string Previous = "previous";

    /// <summary>The media type of an Atom Entry Document.</summary>
    public const string EntryMediaType = MediaTypes.Atom + ";type=entry";

    /// <summary>A page of a member feed with its entries embedded as <c>item</c>.</summary>
    public static Resource Feed<T>(MemberFeedDefinition feed, MemberFeedToken token, int? pageSize, IReadOnlyList<Resource> entries,
        MemberFeedPage<T> page, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(page);
        var size = pageSize?.ToString(CultureInfo.InvariantCulture);
        string Page(string? value) => Uris.WithQuery(feed.Path, [.. feed.Query, ("page", value), ("pageSize", size)]);
        var self = token.IsFirst ? Page(null) : Page(token.Last && token.Snapshot is null ? "last" : Encode(token));
        var r = new Resource(ResourceKinds.Feed, self) { Title = feed.Title };
        var updated = entries.Count == 0 ? FeedResources.EmptyFeedUpdated : entries.Max(e => (DateTimeOffset)e.Properties["updated"]!);

        // The members' revisions name the content (any change of a member gives it a new revision), the links the page.
        var content = new StringBuilder().Append(page.HasPrevious).Append(page.HasNext);
        foreach (var e in entries)
        {
            content.Append('|').Append(e.SelfHref).Append(':').Append(e.Revision);
        }

        r.Revision = "m" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())))[..20];
        r.LastModified = updated;
        r.Properties["id"] = FeedResources.TagUri(options, "feed/members/" + feed.Name);
        r.Properties["updated"] = updated;
        r.Properties["archive"] = false;
        r.Properties["members"] = true;
        r.Properties["count"] = entries.Count;
        r.Links.Add(new Link(Rels.Alternate, Variants.UriFor(feed.Alternate, "html"), "HTML page", MediaTypes.Html));
        r.Links.Add(new Link(Rels.Up, feed.Alternate));
        r.Links.Add(new Link(Rels.First, Page(null), "Newest changes"));
        if (page.HasPrevious && page.Members.Count > 0)
        {
            var previous = Page(MemberFeedToken.BeforeValue(page.Snapshot, page.Members[0].Position));
            r.Links.Add(new Link(Previous, previous, "Newer changes"));
            r.Links.Add(new Link(Rels.Prev, previous, "Newer changes"));
        }

        if (page.HasNext && page.Members.Count > 0)
        {
            r.Links.Add(new Link(Rels.Next, Page(MemberFeedToken.AfterValue(page.Snapshot, page.Members[^1].Position)), "Older changes"));
        }

        r.Links.Add(new Link(Rels.Last, Page(token.IsFirst ? "last" : MemberFeedToken.LastValue(page.Snapshot)), "Oldest changes"));
        foreach (var e in entries)
        {
            r.Embed(Rels.Item, e);
        }

        Variants.AddAlternates(r, "atom", "html", "hal", "json");
        return r;
    }

    /// <summary>The link to a member's Atom Entry Document (<c>.atom</c>), typed so it is not taken for a feed.</summary>
    public static Link EntryLink(string selfHref) => new(Rels.Alternate, Variants.UriFor(selfHref, "atom"), "Atom entry", EntryMediaType);

    /// <summary>An instance as an entry: title with business key (else short id) and state, summary with its active steps.</summary>
    public static Resource InstanceEntry(InstanceFacts i, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(i);
        ArgumentNullException.ThrowIfNull(options);
        var href = Uris.Instance(i.Id);
        var name = i.BusinessKey is { Length: > 0 } key ? key : "#" + InstanceResources.ShortId(i.Id);
        var r = Entry(href, $"{i.ProcessName} {name} — {i.State}", i.Revision, i.UpdatedAt, i.StartedAt, i.StartedBy, i.State, "instances", options, "instance/" + i.Id);
        r.Properties["instanceId"] = i.Id;
        r.Properties["processKey"] = i.ProcessKey;
        r.Properties["businessKey"] = i.BusinessKey;
        r.Properties["state"] = i.State;
        r.Properties["activeSteps"] = i.ActiveSteps;
        r.Properties["facts"] = new List<KeyValuePair<string, object?>>
        {
            new("Process", $"{i.ProcessName} ({i.ProcessKey} v{i.ProcessVersion.ToString(CultureInfo.InvariantCulture)})"),
            new("Business key", i.BusinessKey),
            new("State", i.State),
            new("Active steps", i.ActiveSteps.Count == 0 ? "none" : string.Join(", ", i.ActiveSteps)),
            new("Started", i.StartedAt),
            new("Started by", i.StartedBy),
            new("Ended", i.EndedAt),
        };
        r.Links.Add(new Link(Rels.Alternate, Variants.UriFor(href, "html"), "HTML page", MediaTypes.Html));
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(i.ProcessKey, i.ProcessVersion), i.ProcessName));
        r.Links.Add(new Link(Rels.History, Uris.InstanceHistory(i.Id), "History"));
        return r;
    }

    /// <summary>A task as an entry: its name and state; the author is whoever holds or completed it.</summary>
    public static Resource TaskEntry(TaskRecord t, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(t);
        var href = Uris.Task(t.Id);
        var author = t.CompletedBy ?? t.Assignee;
        var r = Entry(href, $"{t.Name} — {t.State} ({t.ProcessKey} #{InstanceResources.ShortId(t.InstanceId)})", t.Revision, t.UpdatedAt, t.CreatedAt,
            author, t.State, "tasks", options, "task/" + t.Id);
        r.Properties["taskId"] = t.Id;
        r.Properties["instanceId"] = t.InstanceId;
        r.Properties["processKey"] = t.ProcessKey;
        r.Properties["state"] = t.State;
        r.Properties["facts"] = new List<KeyValuePair<string, object?>>
        {
            new("Task", t.Name),
            new("State", t.State),
            new("Process", t.ProcessKey),
            new("Instance", t.InstanceId),
            new("Assignee", t.Assignee),
            new("Candidate users", t.CandidateUsers),
            new("Candidate groups", t.CandidateGroups),
            new("Created", t.CreatedAt),
            new("Due", t.DueAt),
            new("Completed", t.CompletedAt),
            new("Completed by", t.CompletedBy),
        };
        r.Links.Add(new Link(Rels.Alternate, Variants.UriFor(href, "html"), "HTML page", MediaTypes.Html));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(t.InstanceId)));
        return r;
    }

    private static Resource Entry(string href, string title, long revision, DateTimeOffset updated, DateTimeOffset published, string? author,
        string state, string scheme, FeedOptions options, string id)
    {
        var r = new Resource(ResourceKinds.FeedEntry, href)
        {
            Title = title,
            Revision = revision.ToString(CultureInfo.InvariantCulture),
            LastModified = updated,
        };
        r.Properties["id"] = FeedResources.TagUri(options, id);
        r.Properties["type"] = state;
        r.Properties["categoryScheme"] = Uris.Rel(scheme);
        r.Properties["published"] = published;
        r.Properties["updated"] = updated;
        r.Properties["author"] = string.IsNullOrEmpty(author) ? FeedResources.SystemAuthor : author;
        r.Links.Add(new Link(Rels.Edit, href));
        return r;
    }

    private static string Encode(MemberFeedToken t) => t switch
    {
        { After: { } after } => MemberFeedToken.AfterValue(t.Snapshot ?? 0, after),
        { Before: { } before } => MemberFeedToken.BeforeValue(t.Snapshot ?? 0, before),
        _ => MemberFeedToken.LastValue(t.Snapshot ?? 0),
    };
}
