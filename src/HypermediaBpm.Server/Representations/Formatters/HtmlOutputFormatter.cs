using System.Text;
using HypermediaBpm.Server.Representations.Html;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// <c>text/html</c>: a page per resource for people with a browser — JavaScript not needed — with every link
/// and every template of the resource (see <see cref="HtmlPage"/>). The forms carry an antiforgery token; the
/// resource's <see cref="Resource.Related"/> resources (an instance's latest history) are loaded here, only
/// for pages.
/// </summary>
public sealed class HtmlOutputFormatter : ResourceOutputFormatter
{
    private const string TokenKey = "html-antiforgery";

    public HtmlOutputFormatter()
        : base(MediaTypes.Html)
    {
    }

    /// <summary>Every resource has a page, a feed too (a browser opening a feed URI sees its entries and how to subscribe); entries live on their member's page.</summary>
    public override bool CanWriteResource(Resource resource) => resource.Kind is not ResourceKinds.FeedEntry;

    protected override string ContentTypeFor(string mediaType) => mediaType + "; charset=utf-8";

    protected override void BeforeHeaders(OutputFormatterWriteContext context)
    {
        var http = context.HttpContext;
        http.Items[TokenKey] = AntiforgeryField.For(http);
    }

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var http = context.HttpContext;
        var resource = (Resource)context.Object!;
        var related = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var (rel, load) in resource.Related)
        {
            related[rel] = await load(http.RequestAborted).ConfigureAwait(false);
        }

        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var user = http.User.Identity?.IsAuthenticated == true && Identity.Permissions.Of(http) is { Name: { } name } rights
            ? new HtmlUser(name, rights.MayOperate)
            : null;
        var page = HtmlPage.Write(resource, new HtmlContext(http.Items[TokenKey] as AntiforgeryField, now, user), related);
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(page), http.RequestAborted).ConfigureAwait(false);
    }
}
