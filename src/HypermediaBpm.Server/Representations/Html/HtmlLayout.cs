using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// The frame of every HTML page (resources, error pages, documentation): head with the resource's links as
/// <c>&lt;link rel&gt;</c> (feed autodiscovery included), a skip link, the site navigation, one <c>main</c>
/// landmark and a footer linking the documentation (<c>service-doc</c>).
/// </summary>
public static class HtmlLayout
{
    private const string SiteName = "HypermediaBpm";

    /// <summary>The style sheet's URI; the query changes with its content, so it can be cached for ever.</summary>
    public static string StyleSheetHref => "/assets/site.css?v=" + Assets.StyleSheetVersion;

    /// <summary>Writes everything up to the opening of <c>main</c>'s content.</summary>
    /// <param name="links">Written as <c>&lt;link&gt;</c> elements (templated ones are left out: they are forms on the page).</param>
    /// <param name="user">Who is signed in; null on pages that are the same for everyone (documentation, errors).</param>
    public static void Begin(HtmlWriter html, string title, IEnumerable<Link> links, HtmlUser? user = null)
    {
        html.Raw("<!DOCTYPE html>").Line();
        html.Open("html", ("lang", "en")).Line();
        html.Open("head").Line();
        html.Void("meta", ("charset", "utf-8")).Line();
        html.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line();
        html.Element("title", title == SiteName ? title : title + " — " + SiteName).Line();
        html.Void("link", ("rel", "stylesheet"), ("href", StyleSheetHref)).Line();
        foreach (var link in links.Where(l => !l.Templated))
        {
            html.Void("link", ("rel", link.Rel), ("href", link.Href), ("type", link.Type), ("title", link.Title)).Line();
        }

        if (!links.Any(l => l.Type == MediaTypes.Atom))
        {
            // Feed autodiscovery on every page: what has no feed of its own offers the feed of all instances.
            html.Void("link", ("rel", Rels.Alternate), ("href", Variants.UriFor(Uris.InstancesFeed, "atom")), ("type", MediaTypes.Atom), ("title", "Process instances (Atom)")).Line();
        }

        html.Void("link", ("rel", Rels.ServiceDoc), ("href", Uris.Docs)).Line();
        html.Close("head").Line();
        html.Open("body").Line();
        html.Element("a", "Skip to the content", ("class", "skip"), ("href", "#main")).Line();
        html.Open("header").Open("nav", ("aria-label", "Site"));
        html.Element("a", "HypermediaBpm", ("href", Uris.Root), ("class", "brand"));
        html.Element("a", "My work", ("href", Uris.Root));
        html.Element("a", "Processes", ("href", Uris.Processes));
        html.Element("a", "Instances", ("href", Uris.Instances));
        html.Element("a", "Tasks", ("href", Uris.Tasks));
        if (user is { MayOperate: true })
        {
            html.Element("a", "Operations", ("href", Uris.Operations));
        }

        html.Element("a", "Docs", ("href", Uris.Docs));
        if (user is not null)
        {
            html.Element("span", "Signed in as " + user.Name, ("class", "who"));
        }

        html.Close("nav").Close("header").Line();
        html.Open("main", ("id", "main")).Line();
    }

    /// <summary>Closes <c>main</c> and writes the footer; <paramref name="alternates"/> are the other representations.</summary>
    public static void End(HtmlWriter html, IEnumerable<Link> alternates)
    {
        html.Close("main").Line();
        html.Open("footer").Open("p");
        html.Element("a", "Documentation", ("rel", Rels.ServiceDoc), ("href", Uris.Docs));
        html.Text(" · ");
        html.Element("a", "Link relations", ("href", "/rels"));
        var others = alternates.Where(l => l.Rel == Rels.Alternate && l.Type != MediaTypes.Html).ToList();
        if (others.Count > 0)
        {
            html.Text(" · Also as: ");
            for (var i = 0; i < others.Count; i++)
            {
                if (i > 0)
                {
                    html.Text(", ");
                }

                html.Element("a", others[i].Title ?? others[i].Type, ("rel", Rels.Alternate), ("href", others[i].Href), ("type", others[i].Type));
            }
        }

        html.Close("p").Close("footer").Line();
        html.Close("body").Close("html").Line();
    }

    /// <summary>A whole page around HTML this server produced (documentation rendered from Markdown).</summary>
    public static string Page(string title, string bodyHtml, IEnumerable<Link>? links = null)
    {
        var html = new HtmlWriter();
        Begin(html, title, links ?? []);
        html.Raw(bodyHtml).Line();
        End(html, links ?? []);
        return html.ToString();
    }
}
