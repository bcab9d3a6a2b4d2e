using HypermediaBpm.Engine.Errors;
using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Entity tags and HTTP preconditions in one place. An ETag is <c>"&lt;revision&gt;-&lt;variant&gt;"</c>
/// (<c>"7-hal"</c>): strong, different per representation, and carrying the revision an <c>If-Match</c> is
/// checked against whichever representation the client read.
/// </summary>
public static class Preconditions
{
    /// <summary>The strong ETag (quoted) of one representation of a resource at <paramref name="revision"/>.</summary>
    public static string ETagFor(string revision, string mediaType)
    {
        ArgumentException.ThrowIfNullOrEmpty(revision);
        return $"\"{revision}-{Variants.TagFor(mediaType)}\"";
    }

    /// <summary>The revision part of an entity tag: what comes before the last <c>-</c> (the whole tag when there is none).</summary>
    public static string RevisionOf(string entityTag)
    {
        var tag = entityTag.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        tag = tag.Trim('"');
        var dash = tag.LastIndexOf('-');
        return dash > 0 ? tag[..dash] : tag;
    }

    /// <summary>
    /// Whether the request's <c>If-Match</c> lets an unsafe method go on: no header, <c>*</c>, or a strong tag
    /// of any variant whose revision is <paramref name="currentRevision"/> (a bare revision tag counts too).
    /// Weak tags never match (RFC 9110 §13.1.1 uses strong comparison); an unparsable header does not match.
    /// </summary>
    public static bool IfMatchAllows(HttpRequest request, string currentRevision)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags))
        {
            return false;
        }

        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any)
            || (!t.IsWeak && (RevisionOf(t.Tag.Value!) == currentRevision || t.Tag.Value!.Trim('"') == currentRevision)));
    }

    /// <summary>Throws <see cref="PreconditionFailedException"/> (412 <c>PRECONDITION_FAILED</c>) unless <see cref="IfMatchAllows"/>.</summary>
    public static void CheckIfMatch(HttpRequest request, string currentRevision)
    {
        if (!IfMatchAllows(request, currentRevision))
        {
            throw new PreconditionFailedException(request.PathBase + request.Path, currentRevision);
        }
    }

    /// <summary>
    /// Whether a GET or HEAD can be answered <c>304 Not Modified</c>: <c>If-None-Match</c> names
    /// <paramref name="etag"/> (weak comparison) or is <c>*</c>; only without <c>If-None-Match</c>,
    /// <c>If-Modified-Since</c> is at or after <paramref name="lastModified"/> (to the second, as HTTP dates are).
    /// </summary>
    public static bool IsNotModified(HttpRequest request, string? etag, DateTimeOffset? lastModified)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && !ifNoneMatch.All(string.IsNullOrWhiteSpace))
        {
            if (etag is null || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
            {
                return false;
            }

            var current = EntityTagHeaderValue.Parse(etag);
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
        }

        if (lastModified is { } modified && request.GetTypedHeaders().IfModifiedSince is { } since)
        {
            var truncated = new DateTimeOffset(modified.UtcTicks - (modified.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            return since >= truncated;
        }

        return false;
    }
}
