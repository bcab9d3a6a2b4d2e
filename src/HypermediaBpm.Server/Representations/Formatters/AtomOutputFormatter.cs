using HypermediaBpm.Server.Representations.Atom;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// <c>application/atom+xml</c>: feed resources as RFC 4287 feeds (member feeds paged per RFC 5005 §3, event feeds
/// archived per §4), feed entries as Atom Entry Documents (<c>type=entry</c>). A resource that has a feed or entry
/// of its own (a process: its instances; an instance or task: its entry) carries it in <see cref="StandInExtra"/>.
/// </summary>
public sealed class AtomOutputFormatter : ResourceOutputFormatter
{
    /// <summary>The <see cref="Resource.Extras"/> key of a <c>Func&lt;CancellationToken, Task&lt;Resource&gt;&gt;</c> giving the resource's Atom form.</summary>
    public const string StandInExtra = "atom";

    public AtomOutputFormatter()
        : base(MediaTypes.Atom)
    {
    }

    public override bool CanWriteResource(Resource resource) =>
        resource.Kind is ResourceKinds.Feed or ResourceKinds.FeedEntry || resource.Extras.ContainsKey(StandInExtra);

    protected override Task<Resource> StandInAsync(Resource resource, CancellationToken cancellationToken) =>
        resource.Extras.GetValueOrDefault(StandInExtra) is Func<CancellationToken, Task<Resource>> load ? load(cancellationToken) : Task.FromResult(resource);

    protected override string ContentTypeFor(string mediaType) => mediaType + "; charset=utf-8";

    protected override string ContentTypeFor(string mediaType, Resource resource) =>
        resource.Kind == ResourceKinds.FeedEntry ? MemberFeedResources.EntryMediaType + "; charset=utf-8" : ContentTypeFor(mediaType);

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var request = context.HttpContext.Request;
        var resource = (Resource)context.Object!;
        var baseUri = $"{request.Scheme}://{request.Host}{request.PathBase}/";
        var body = resource.Kind == ResourceKinds.FeedEntry ? AtomWriter.WriteEntry(resource, baseUri) : AtomWriter.Write(resource, baseUri);
        await context.HttpContext.Response.Body.WriteAsync(body, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
