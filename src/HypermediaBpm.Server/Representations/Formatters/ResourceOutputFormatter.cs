using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Extensions.Primitives;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// Base of every representation of a <see cref="Resource"/>: one subclass per media type, delegating the body
/// to one writer. This class owns what all representations share: exact media type matching, the headers of
/// <see cref="RepresentationHeaders"/> (ETag, Last-Modified, Vary, Content-Location, Link), <c>304 Not Modified</c>
/// and no body for HEAD.
/// </summary>
public abstract class ResourceOutputFormatter : OutputFormatter
{
    /// <param name="mediaTypes">The media types written, most preferred first (the first answers <c>*/*</c>).</param>
    protected ResourceOutputFormatter(params string[] mediaTypes)
    {
        foreach (var mediaType in mediaTypes)
        {
            SupportedMediaTypes.Add(mediaType);
        }
    }

    /// <summary>
    /// Whether this formatter has a representation of <paramref name="resource"/> at all (the BPMN XML formatter
    /// only writes process definitions, the Atom formatter only feeds). Lists the available types in a 406 too.
    /// </summary>
    public virtual bool CanWriteResource(Resource resource) => true;

    /// <inheritdoc />
    protected override bool CanWriteType(Type? type) => type is not null && typeof(Resource).IsAssignableFrom(type);

    /// <summary>
    /// A concrete requested type must equal a supported one (parameters aside); only wildcards match by range.
    /// MVC's own matching would let <c>application/hal+json</c> answer a request for <c>application/json</c>,
    /// because it treats a <c>+json</c> suffix as a subtype of <c>json</c>.
    /// </summary>
    public override bool CanWriteResult(OutputFormatterCanWriteContext context)
    {
        if (context.Object is not Resource resource || !CanWriteResource(resource))
        {
            return false;
        }

        if (!context.ContentType.HasValue)
        {
            context.ContentType = new StringSegment(SupportedMediaTypes[0]);
            return true;
        }

        var requested = new MediaType(context.ContentType);
        foreach (var supported in SupportedMediaTypes)
        {
            var candidate = new MediaType(supported);
            var matches = requested.HasWildcard
                ? candidate.IsSubsetOf(requested)
                : candidate.Type.Equals(requested.Type, StringComparison.OrdinalIgnoreCase)
                    && candidate.SubType.Equals(requested.SubType, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                context.ContentType = new StringSegment(supported);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Headers, then either 304 or the body (none for HEAD). Subclasses write the body in
    /// <see cref="OutputFormatter.WriteResponseBodyAsync(OutputFormatterWriteContext)"/>, for the media type in
    /// <see cref="OutputFormatterCanWriteContext.ContentType"/>.
    /// </summary>
    public sealed override async Task WriteAsync(OutputFormatterWriteContext context)
    {
        var resource = await StandInAsync((Resource)context.Object!, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (!ReferenceEquals(resource, context.Object))
        {
            context = new OutputFormatterWriteContext(context.HttpContext, context.WriterFactory, typeof(Resource), resource)
            {
                ContentType = context.ContentType,
                ContentTypeIsServerDefined = context.ContentTypeIsServerDefined,
            };
        }

        var mediaType = Variants.Bare(context.ContentType.HasValue ? context.ContentType.Value! : SupportedMediaTypes[0]);
        var http = context.HttpContext;
        var response = http.Response;
        BeforeHeaders(context);
        var etag = RepresentationHeaders.Apply(response, resource, mediaType);
        if (response.StatusCode == StatusCodes.Status200OK && Preconditions.IsNotModified(http.Request, etag, resource.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = ContentTypeFor(mediaType, resource);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        await WriteResponseBodyAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The resource this representation shows in place of <paramref name="resource"/> (Atom shows a process as the feed
    /// of its instances): headers and body are then that resource's. By default the resource itself.
    /// </summary>
    protected virtual Task<Resource> StandInAsync(Resource resource, CancellationToken cancellationToken) => Task.FromResult(resource);

    /// <summary>
    /// Runs before any header is set: a representation that writes headers of its own (the HTML pages' antiforgery
    /// cookie) does it here, so the shared headers come last and win.
    /// </summary>
    protected virtual void BeforeHeaders(OutputFormatterWriteContext context)
    {
    }

    /// <summary>The Content-Type header for <paramref name="mediaType"/>; text formats add <c>charset=utf-8</c>.</summary>
    protected virtual string ContentTypeFor(string mediaType) => mediaType;

    /// <summary>The Content-Type header for <paramref name="resource"/>: <see cref="ContentTypeFor(string)"/> unless the charset depends on the resource.</summary>
    protected virtual string ContentTypeFor(string mediaType, Resource resource) => ContentTypeFor(mediaType);
}
