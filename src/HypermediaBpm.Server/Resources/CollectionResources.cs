using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Paging;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Builds a collection page: items linked and embedded, paging links, the paging numbers.</summary>
public static class CollectionResources
{
    public static Resource Page<T>(
        string kind, string path, (string Name, string? Value)[] filters, int pageSize, PageToken token, Page<T> page, Func<T, Resource> toItem, string title)
    {
        var totalPages = (int)Math.Max(1, (page.Total + pageSize - 1) / pageSize);
        if (token.Numbered && token.Number > totalPages)
        {
            throw new Inputs.BadRequestException(ProblemCodes.PageOutOfRange, $"There is no page {token.Number}: the collection has {totalPages} page(s) of {pageSize}.",
                new Dictionary<string, object?> { ["page"] = token.Number, ["pageSize"] = pageSize, ["totalPages"] = totalPages, ["total"] = page.Total });
        }

        var number = token.Last ? totalPages : Math.Min(token.Number, totalPages);
        var self = Uris.WithQuery(path, [.. filters, ("page", token == PageToken.First ? null : Raw(token))]);
        var resource = new Resource(kind, self) { Title = title };
        resource.Collection = new CollectionInfo(page.Total, number, pageSize, totalPages);
        resource.Properties["total"] = page.Total;
        resource.Properties["page"] = number;
        resource.Properties["pageSize"] = pageSize;
        resource.Properties["totalPages"] = totalPages;
        foreach (var item in page.Items)
        {
            var member = toItem(item);
            member.Links.Add(new Link(Rels.Collection, Uris.WithQuery(path, filters)));
            resource.Links.Add(new Link(Rels.Item, member.SelfHref, member.Title));
            resource.Embed(Rels.Item, member);
        }

        resource.Links.Add(new Link(Rels.First, Uris.WithQuery(path, filters)));
        if (page.HasPrevious && page.FirstKey is { } first)
        {
            var prev = number - 1 <= 1 ? null : PageToken.BeforeKey(number - 1, first);
            resource.Links.Add(new Link(Rels.Prev, Uris.WithQuery(path, [.. filters, ("page", prev)])));
        }

        if (page.HasNext && page.LastKey is { } last)
        {
            resource.Links.Add(new Link(Rels.Next, Uris.WithQuery(path, [.. filters, ("page", PageToken.AfterKey(number + 1, last))])));
        }

        resource.Links.Add(new Link(Rels.Last, Uris.WithQuery(path, [.. filters, ("page", totalPages > 1 ? "last" : null)])));
        return resource;
    }

    private static string? Raw(PageToken token) =>
        token.Last ? "last" : token.Numbered ? token.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : token.After is { } a ? PageToken.AfterKey(token.Number, a) : token.Before is { } b ? PageToken.BeforeKey(token.Number, b) : null;
}
