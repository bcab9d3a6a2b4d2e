using HypermediaBpm.Server.Representations.Atom;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// <c>application/atom+xml</c>: feed resources as RFC 4287 feeds with RFC 5005 archive links. Only feeds have
/// it (an instance offers its feed as a link, not as a representation of itself).
/// </summary>
public sealed class AtomOutputFormatter : ResourceOutputFormatter
{
    public AtomOutputFormatter()
        : base(MediaTypes.Atom)
    {
    }

    public override bool CanWriteResource(Resource resource) => resource.Kind == ResourceKinds.Feed;

    protected override string ContentTypeFor(string mediaType) => mediaType + "; charset=utf-8";

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var request = context.HttpContext.Request;
        var body = AtomWriter.Write((Resource)context.Object!, $"{request.Scheme}://{request.Host}{request.PathBase}/");
        await context.HttpContext.Response.Body.WriteAsync(body, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
