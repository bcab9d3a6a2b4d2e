namespace HypermediaBpm.Server.Resources;

/// <summary>
/// What a controller returns: state, links, embedded resources and templates, with no idea of any media
/// type. Each output formatter turns it into one representation.
/// </summary>
public class Resource
{
    public Resource(string kind, string selfHref)
    {
        Kind = kind;
        SelfHref = selfHref;
        Links.Add(new Link("self", selfHref));
    }

    /// <summary>What it is (<see cref="ResourceKinds"/>): picks the HTML view, Atom mapping and so on.</summary>
    public string Kind { get; }

    public string SelfHref { get; }

    /// <summary>A human title for pages and feeds.</summary>
    public string? Title { get; set; }

    /// <summary>The state fields in contract order (values are JSON-compatible).</summary>
    public Dictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    public List<Link> Links { get; } = new();

    /// <summary>Embedded resources by relation (for a collection: <c>item</c>).</summary>
    public Dictionary<string, List<Resource>> Embedded { get; } = new(StringComparer.Ordinal);

    public List<Template> Templates { get; } = new();

    /// <summary>For collections: the paging numbers; null otherwise.</summary>
    public CollectionInfo? Collection { get; set; }

    /// <summary>The resource's revision tag, without quotes or variant; null when the resource has no state to cache.</summary>
    public string? Revision { get; set; }

    public DateTimeOffset? LastModified { get; set; }

    /// <summary>The <c>Cache-Control</c> of every representation; null means <c>no-cache</c> (revalidate each time).</summary>
    public string? CacheControl { get; set; }

    /// <summary>Extra data for a specific representation (e.g. the BPMN XML, the parsed model for SVG).</summary>
    public Dictionary<string, object?> Extras { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Resources a page shows beside this one (an instance's latest history, a process's latest instances), by
    /// relation. Loaded only by the representations that show them (HTML), so machine clients do not pay for them.
    /// </summary>
    public Dictionary<string, Func<CancellationToken, Task<Resource>>> Related { get; } = new(StringComparer.Ordinal);

    public Resource WithProperty(string name, object? value)
    {
        Properties[name] = value;
        return this;
    }

    public Resource AddLink(string rel, string href, string? title = null, string? type = null, bool templated = false)
    {
        Links.Add(new Link(rel, href, title, type, templated));
        return this;
    }

    public Resource Embed(string rel, Resource resource)
    {
        if (!Embedded.TryGetValue(rel, out var list))
        {
            Embedded[rel] = list = new List<Resource>();
        }

        list.Add(resource);
        return this;
    }
}

/// <summary>Paging numbers of a collection page (the JSON envelope's <c>total</c>, <c>page</c>, <c>pageSize</c>, <c>totalPages</c>).</summary>
public sealed record CollectionInfo(long Total, int Page, int PageSize, int TotalPages);
