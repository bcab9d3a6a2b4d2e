using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>The page of an Atom feed, for a browser that opens a feed URI: how to subscribe, the entries, the paging.</summary>
public sealed partial class HtmlPage
{
    private void FeedView()
    {
        var members = Prop("members") is true;
        _html.Open("p", ("class", "hint"));
        _html.Text(members
            ? "A feed of members: one entry per item in its latest state, newest change first. "
            : "A feed of events: one entry per event, never changed, newest first; older events are in its archives. ");
        if (_resource.Links.FirstOrDefault(l => l.Rel == Rels.Alternate && l.Type == MediaTypes.Atom) is { } atom)
        {
            _html.Element("a", "Subscribe (Atom)", ("rel", Rels.Alternate), ("type", MediaTypes.Atom), ("href", atom.Href), ("class", "subscribe"));
        }

        _html.Close("p").Line();
        var entries = Embedded(Rels.Item);
        if (entries.Count == 0)
        {
            _html.Element("p", "No entries.", ("class", "hint")).Line();
            return;
        }

        _html.Open("ol", ("class", "feed-entries")).Line();
        foreach (var entry in entries)
        {
            var page = entry.Links.FirstOrDefault(l => l.Rel == Rels.Alternate && l.Type == MediaTypes.Html)?.Href ?? entry.SelfHref;
            _html.Open("li", ("class", "feed-entry"));
            _html.Element("a", entry.Title ?? entry.SelfHref, ("rel", Rels.Item), ("href", page));
            _html.Text(" ");
            if (entry.Properties.GetValueOrDefault("type") is string category)
            {
                State(category);
                _html.Text(" ");
            }

            Value("updated", entry.Properties.GetValueOrDefault("updated"));
            _html.Text(" · " + (Display(entry.Properties.GetValueOrDefault("author")) ?? string.Empty));
            _html.Close("li").Line();
        }

        _html.Close("ol").Line();
        FeedPager();
    }

    /// <summary>Member feeds page with first/previous/next/last (RFC 5005 §3), event feeds with their archives (§4).</summary>
    private void FeedPager()
    {
        var rels = new[]
        {
            (Rels.First, "Newest"), (Rels.Prev, "Newer"), (Rels.Next, "Older"), (Rels.Last, "Oldest"),
            (Rels.Current, "Newest entries"), (Rels.NextArchive, "Newer archive"), (Rels.PrevArchive, "Older archive"),
        };
        var links = rels.Select(r => (Link: LinkOf(r.Item1), Label: r.Item2)).Where(x => x.Link is not null && x.Link.Href != _resource.SelfHref).ToList();
        if (links.Count == 0)
        {
            return;
        }

        _html.Open("nav", ("class", "pager"), ("aria-label", "Feed pages"));
        foreach (var (link, label) in links)
        {
            _html.Element("a", label, ("rel", link!.Rel), ("href", link.Href));
        }

        _html.Close("nav").Line();
    }
}
