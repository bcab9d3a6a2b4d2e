using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Atom;

/// <summary>
/// Writes a feed resource (<see cref="ResourceKinds.Feed"/>) as an RFC 4287 Atom feed with RFC 5005 links (paging
/// for member feeds, archives for event feeds), and an entry (<see cref="ResourceKinds.FeedEntry"/>) as an Atom Entry
/// Document. XmlWriter does all escaping, so user data (names, variables, messages) cannot break the document.
/// Output depends only on the resource and the base URI: an archive is byte-identical on every fetch.
/// </summary>
public static class AtomWriter
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string HistoryNamespace = "http://purl.org/syndication/history/1.0";
    public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    private static readonly HashSet<string> FeedNavigation = new(StringComparer.Ordinal)
    {
        Rels.Self, Rels.Current, Rels.PrevArchive, Rels.NextArchive,
        Rels.First, Rels.Next, Rels.Prev, MemberFeedResources.Previous, Rels.Last,
    };

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        OmitXmlDeclaration = false,
    };

    /// <summary>The feed document as UTF-8 bytes.</summary>
    /// <param name="feed">A feed resource with its entries embedded as <c>item</c>.</param>
    /// <param name="baseUri">The absolute base (<c>https://host/</c>) relative links are resolved against (<c>xml:base</c>).</param>
    public static byte[] Write(Resource feed, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, Settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", AtomNamespace);
            w.WriteAttributeString("xmlns", "fh", null, HistoryNamespace);
            w.WriteAttributeString("xml", "base", null, baseUri);
            w.WriteElementString("id", AtomNamespace, Text(feed, "id"));
            w.WriteElementString("title", AtomNamespace, feed.Title ?? "Feed");
            w.WriteElementString("updated", AtomNamespace, Date(feed.Properties["updated"]));
            Author(w, FeedResources.SystemAuthor);
            w.WriteStartElement("generator", AtomNamespace);
            w.WriteAttributeString("uri", "/");
            w.WriteAttributeString("version", typeof(AtomWriter).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");
            w.WriteString(FeedResources.SystemAuthor);
            w.WriteEndElement();
            foreach (var link in feed.Links.Where(l => !l.Templated))
            {
                // Navigation stays in Atom whatever the reader's Accept header: the explicit .atom variant.
                var href = FeedNavigation.Contains(link.Rel) ? Variants.UriFor(link.Href, "atom") : link.Href;
                var type = FeedNavigation.Contains(link.Rel) ? MediaTypes.Atom : link.Type;
                if (link.Rel == Rels.Alternate && link.Type == MediaTypes.Atom)
                {
                    continue;
                }

                Link(w, link.Rel, href, type, link.Title);
            }

            if (feed.Properties.GetValueOrDefault("archive") is true)
            {
                w.WriteElementString("fh", "archive", HistoryNamespace, string.Empty);
            }

            foreach (var entry in feed.Embedded.GetValueOrDefault(Rels.Item) ?? [])
            {
                Entry(w, entry);
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>One entry as an Atom Entry Document (RFC 4287 §4.1.2 as the document's root).</summary>
    /// <param name="entry">A feed entry resource.</param>
    /// <param name="baseUri">As for <see cref="Write"/>.</param>
    public static byte[] WriteEntry(Resource entry, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, Settings))
        {
            w.WriteStartDocument();
            Entry(w, entry, baseUri);
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void Entry(XmlWriter w, Resource e, string? baseUri = null)
    {
        w.WriteStartElement("entry", AtomNamespace);
        if (baseUri is not null)
        {
            w.WriteAttributeString("xml", "base", null, baseUri);
        }

        w.WriteElementString("id", AtomNamespace, Text(e, "id"));
        w.WriteElementString("title", AtomNamespace, e.Title ?? Text(e, "type"));
        w.WriteElementString("updated", AtomNamespace, Date(e.Properties["updated"]));
        w.WriteElementString("published", AtomNamespace, Date(e.Properties["published"]));
        Author(w, Text(e, "author"));
        w.WriteStartElement("category", AtomNamespace);
        w.WriteAttributeString("term", Text(e, "type"));
        w.WriteAttributeString("scheme", e.Properties.GetValueOrDefault("categoryScheme") as string ?? Uris.Rel("history"));
        w.WriteEndElement();
        Link(w, Rels.Self, e.SelfHref, MediaTypes.Hal, null);
        foreach (var link in e.Links.Where(l => l.Rel != Rels.Self))
        {
            Link(w, link.Rel, link.Href, link.Rel == Rels.Edit ? MediaTypes.Hal : link.Type, link.Title);
        }

        Summary(w, e);
        w.WriteEndElement();
    }

    /// <summary>An XHTML summary: the sentence, then the facts a person may want, as a definition list.</summary>
    private static void Summary(XmlWriter w, Resource e)
    {
        w.WriteStartElement("summary", AtomNamespace);
        w.WriteAttributeString("type", "xhtml");
        w.WriteStartElement("div", XhtmlNamespace);
        w.WriteElementString("p", XhtmlNamespace, e.Title);
        w.WriteStartElement("dl", XhtmlNamespace);
        if (e.Properties.GetValueOrDefault("facts") is IEnumerable<KeyValuePair<string, object?>> facts)
        {
            // A member's entry names its own facts, in the order a person reads them.
            foreach (var (name, value) in facts)
            {
                Fact(w, name, value);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            return;
        }

        Fact(w, "Process", e.Properties.GetValueOrDefault("processKey"));
        Fact(w, "Instance", e.Properties.GetValueOrDefault("instanceId"));
        Fact(w, "Reservation", e.Properties.GetValueOrDefault("reservationId"));
        Fact(w, "Activity", e.Properties.GetValueOrDefault("activityName") ?? e.Properties.GetValueOrDefault("activityId"));
        Fact(w, "By", e.Properties.GetValueOrDefault("author"));
        if (e.Properties.GetValueOrDefault("data") is IDictionary<string, object?> data)
        {
            foreach (var (name, value) in data)
            {
                Fact(w, name, value);
            }
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Fact(XmlWriter w, string name, object? value)
    {
        if (value is null || value is ICollection { Count: 0 })
        {
            return;
        }

        w.WriteElementString("dt", XhtmlNamespace, name);
        w.WriteElementString("dd", XhtmlNamespace, value switch
        {
            string s => s,
            DateTimeOffset d => Date(d),
            IEnumerable<object?> list when list.All(x => x is string) => string.Join(", ", list),
            _ => Json(value),
        });
    }

    private static string Json(object value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            JsonValues.Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Author(XmlWriter w, string name)
    {
        w.WriteStartElement("author", AtomNamespace);
        w.WriteElementString("name", AtomNamespace, name);
        w.WriteEndElement();
    }

    private static void Link(XmlWriter w, string rel, string href, string? type, string? title)
    {
        w.WriteStartElement("link", AtomNamespace);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        if (type is not null)
        {
            w.WriteAttributeString("type", type);
        }

        if (title is not null)
        {
            w.WriteAttributeString("title", title);
        }

        w.WriteEndElement();
    }

    private static string Text(Resource r, string property) =>
        Convert.ToString(r.Properties.GetValueOrDefault(property), CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Date(object? value) =>
        value is DateTimeOffset d ? d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : string.Empty;
}
