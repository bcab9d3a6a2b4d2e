using HypermediaBpm.Server.Resources;
using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// The headers every representation of a resource carries, whatever its media type: <c>ETag</c> and
/// <c>Last-Modified</c> (on success), <c>Vary: Accept</c>, <c>Content-Location</c> of the chosen variant,
/// <c>Link</c> and, unless the controller chose otherwise, <c>Cache-Control: no-cache</c>.
/// </summary>
public static class RepresentationHeaders
{
    /// <summary>Sets the headers for <paramref name="resource"/> written as <paramref name="mediaType"/>; returns the ETag (or null).</summary>
    public static string? Apply(HttpResponse response, Resource resource, string mediaType)
    {
        var etag = resource.Revision is { } revision ? Preconditions.ETagFor(revision, mediaType) : null;
        if (response.StatusCode is >= 200 and < 300)
        {
            // Validators only describe a successful representation of the resource's current state.
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }

            if (resource.LastModified is { } modified)
            {
                response.GetTypedHeaders().LastModified = modified;
            }
        }

        AddVaryAccept(response);
        if (Variants.FormatFor(mediaType) is { } format)
        {
            response.Headers.ContentLocation = LinkHeader.AsciiUri(Variants.UriFor(resource.SelfHref, format));
        }

        if (LinkHeader.For(resource) is { } links)
        {
            response.Headers.Append(HeaderNames.Link, links);
        }

        if (resource.CacheControl is { } cacheControl && response.StatusCode is >= 200 and < 300)
        {
            // An archive feed document that can no longer change, for instance.
            response.Headers.CacheControl = cacheControl;
        }

        if (string.IsNullOrEmpty(response.Headers.CacheControl))
        {
            // Heuristic freshness would let a browser show a task that is already completed; revalidate instead.
            response.Headers.CacheControl = "no-cache";
        }

        return etag;
    }

    private static void AddVaryAccept(HttpResponse response)
    {
        var vary = response.Headers.Vary;
        if (!vary.Any(v => v is not null && v.Split(',').Any(p => p.Trim().Equals(HeaderNames.Accept, StringComparison.OrdinalIgnoreCase))))
        {
            response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        }
    }
}
