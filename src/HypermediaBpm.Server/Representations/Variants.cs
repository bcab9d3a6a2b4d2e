using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Explicit variant URIs (<c>/tasks/42.json</c>) and the short tags that name a variant in ETags.
/// Rule, one for every URI: the format suffix goes at the end of the path, before any query or fragment
/// (<c>/tasks?state=open</c> → <c>/tasks.json?state=open</c>); a path ending in <c>/</c> gets
/// <c>index.{format}</c> (<c>/</c> → <c>/index.json</c>). The server also honours <c>?format=</c>, but never
/// generates it.
/// </summary>
public static class Variants
{
    private static readonly Dictionary<string, string> TagsByMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        [MediaTypes.Hal] = "hal",
        [MediaTypes.HalForms] = "forms",
        [MediaTypes.Json] = "json",
        [MediaTypes.Html] = "html",
        [MediaTypes.Atom] = "atom",
        [MediaTypes.Svg] = "svg",
        [MediaTypes.Bpmn] = "bpmn",
        [MediaTypes.Xml] = "bpmn",
        [MediaTypes.PlainText] = "txt",
    };

    private static readonly Dictionary<string, string> FormatsByMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        [MediaTypes.Hal] = "hal",
        [MediaTypes.HalForms] = "halforms",
        [MediaTypes.Json] = "json",
        [MediaTypes.Html] = "html",
        [MediaTypes.Atom] = "atom",
        [MediaTypes.Svg] = "svg",
        [MediaTypes.Bpmn] = "bpmn",
        [MediaTypes.Xml] = "xml",
        [MediaTypes.PlainText] = "txt",
    };

    private static readonly Dictionary<string, string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hal"] = "HAL",
        ["halforms"] = "HAL-FORMS",
        ["json"] = "JSON",
        ["html"] = "HTML",
        ["atom"] = "Atom feed",
        ["svg"] = "SVG diagram",
        ["bpmn"] = "BPMN 2.0 XML",
        ["xml"] = "BPMN 2.0 XML",
        ["txt"] = "Plain text",
    };

    /// <summary>
    /// The media type a resource answers a client that states no preference (no <c>Accept</c>, or <c>*/*</c> alone,
    /// as curl, <c>fetch</c> and Python <c>requests</c> send): Atom for a feed, SVG for a diagram, the
    /// <c>{"data": …}</c> envelope for everything else (contract §1). Null when the resource has no envelope
    /// (the answer to <c>reserve</c> is the try-confirm/cancel protocol's own JSON): then the formatters' rank decides.
    /// </summary>
    public static string? DefaultMediaTypeFor(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Kind switch
        {
            ResourceKinds.Feed => MediaTypes.Atom,
            ResourceKinds.Diagram => MediaTypes.Svg,
            ResourceKinds.ParticipantLink => null,
            _ => MediaTypes.Json,
        };
    }

    /// <summary>The explicit URI of one variant of the resource at <paramref name="selfHref"/>.</summary>
    /// <param name="selfHref">The resource's own URI (relative or absolute).</param>
    /// <param name="format">A key of <see cref="MediaTypes.ByFormat"/> (<c>hal</c>, <c>json</c>, <c>bpmn</c>, ...).</param>
    public static string UriFor(string selfHref, string format)
    {
        ArgumentException.ThrowIfNullOrEmpty(selfHref);
        if (!MediaTypes.ByFormat.ContainsKey(format))
        {
            throw new ArgumentException($"'{format}' is not a known format; use one of {string.Join(", ", MediaTypes.ByFormat.Keys)}.", nameof(format));
        }

        // The path ends where the query, the fragment or a URI template expression begins.
        var end = selfHref.IndexOfAny(['?', '#', '{']);
        var path = end < 0 ? selfHref : selfHref[..end];
        var rest = end < 0 ? string.Empty : selfHref[end..];
        var suffix = path.EndsWith('/') ? "index." + format : "." + format;
        return path + suffix + rest;
    }

    /// <summary>Adds an <c>alternate</c> link with <c>type</c> for each format (skipping ones already there).</summary>
    public static void AddAlternates(Resource resource, params string[] formats)
    {
        ArgumentNullException.ThrowIfNull(resource);
        foreach (var format in formats)
        {
            var href = UriFor(resource.SelfHref, format);
            if (resource.Links.Any(l => l.Rel == Rels.Alternate && l.Href == href))
            {
                continue;
            }

            resource.Links.Add(new Link(Rels.Alternate, href, Titles.GetValueOrDefault(format), MediaTypes.ByFormat[format]));
        }
    }

    /// <summary>The short variant tag used in ETags (<c>hal</c>, <c>forms</c>, <c>json</c>, ...); the subtype for unknown types.</summary>
    public static string TagFor(string mediaType)
    {
        var bare = Bare(mediaType);
        if (TagsByMediaType.TryGetValue(bare, out var tag))
        {
            return tag;
        }

        // A tag must not contain '-': ETag parsing splits the revision off at the last dash.
        var subtype = bare[(bare.IndexOf('/') + 1)..];
        return new string(subtype.Where(char.IsLetterOrDigit).ToArray());
    }

    /// <summary>The format key (for the suffix) of a media type, or null when it has no explicit URI.</summary>
    public static string? FormatFor(string mediaType) => FormatsByMediaType.GetValueOrDefault(Bare(mediaType));

    /// <summary>The media type without parameters (<c>application/json; charset=utf-8</c> → <c>application/json</c>).</summary>
    public static string Bare(string mediaType)
    {
        var semicolon = mediaType.IndexOf(';');
        return (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim();
    }
}
