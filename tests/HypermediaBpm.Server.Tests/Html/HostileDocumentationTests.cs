using System.Security;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Html;

/// <summary>
/// Issue 13, finding 1: a model's <c>bpmn:documentation</c> is Markdown written by whoever deploys, shown to
/// everyone who opens the process or its tasks. Through the real pipeline and a real SQLite file: no page and no
/// diagram gets a script, an event handler attribute or a script URL out of it, and the harmless parts still show.
/// </summary>
public sealed class HostileDocumentationTests : IDisposable
{
    /// <summary>Every trick of the finding, and links that must survive.</summary>
    private static readonly string HostileMarkdown = string.Join('\n',
        "# Hostile",
        "![pic](/nothing.png){onerror=\"alert(document.domain)\"}",
        "[link-a](javascript:alert(1)) [link-b](JaVaScRiPt:alert(2)) [link-c](&#106;avascript:alert(3)) [link-d](<java\tscript:alert(4)>)",
        "[link-e](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) [link-f](vbscript:msgbox(6)) [link-g](&#x6A;avascript&colon;alert(7)) [link-h]( javascript:alert(8) \"t\")",
        "<javascript:alert(9)> <script>alert(10)</script> <img src=x onerror=alert(11)>",
        "![pic-j](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) ![pic-k](javascript:alert(12)) [link-ref]",
        string.Empty,
        "[link-ref]: javascript:alert(13)",
        string.Empty,
        "Paragraph with attributes {.x onclick=\"alert(14)\"}",
        string.Empty,
        "[safe-link](https://example.org/ok) [relative-link](/docs) <mailto:someone@example.org>",
        string.Empty,
        "| left | right |",
        "|:-:|--:|",
        "| 1 | 2 |");

    private static readonly string[] AllowedHrefs = ["https://example.org/ok", "/docs", "mailto:someone@example.org"];

    private readonly ServerFactory _server = new();
    private readonly HtmlClient _browser;

    public HostileDocumentationTests()
    {
        _browser = new HtmlClient(_server);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue13_HostileDocumentation_IsInertOnEveryPageAndDiagram()
    {
        // Arrange: the process and its user task both carry the hostile documentation.
        var documentation = SecurityElement.Escape(HostileMarkdown);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
              <process id="hostile" name="Hostile" isExecutable="true">
                <documentation>{documentation}</documentation>
                <startEvent id="s" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <userTask id="t" name="Read me"><documentation>{documentation}</documentation></userTask>
                <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
                <endEvent id="e" />
              </process>
            </definitions>
            """;
        var hal = _server.Hal();
        await hal.DeployAsync(xml);
        var instance = await hal.StartAsync("hostile", new { });
        var taskHref = instance.Embedded("bpm:tasks").First().SelfHref;

        foreach (var url in new[] { "/processes/hostile", "/processes", instance.SelfHref, "/instances", taskHref, "/tasks" })
        {
            // Act
            var page = await _browser.PageAsync(url);

            // Assert
            AssertInert(page, url);
        }

        foreach (var url in new[] { "/processes/hostile", taskHref })
        {
            var doc = (await _browser.PageAsync(url)).QuerySelector("main .doc")!;
            Assert.All(doc.QuerySelectorAll("a[href]"), a => Assert.Contains(a.GetAttribute("href"), AllowedHrefs));
            Assert.Equal(["/nothing.png"], doc.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
            foreach (var text in new[] { "link-a", "link-c", "link-d", "link-e", "link-g", "link-h", "link-ref", "pic-j", "pic-k", "javascript:alert(9)", "<script>alert(10)</script>" })
            {
                Assert.Contains(text, doc.TextContent, StringComparison.Ordinal);
            }

            Assert.Equal("align-center", doc.QuerySelector("td")!.ClassName);
        }

        foreach (var svgUrl in new[] { "/processes/hostile/diagram.svg", instance.SelfHref + "/diagram.svg" })
        {
            var svg = XDocument.Parse(await _browser.Http.GetStringAsync(svgUrl));
            Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "foreignObject" or "iframe");
            Assert.DoesNotContain(svg.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase) || IsScriptUrl(a.Value));
        }
    }

    [Fact]
    public async Task Issue13_DocsAndRels_RenderTablesAndAnchorsWithoutInlineStyles()
    {
        // Arrange: every document the index lists, and every relation page.
        var docs = (await _browser.PageAsync("/docs")).QuerySelectorAll("main a[href^='/docs/']").Select(a => a.GetAttribute("href")!).ToList();
        var rels = (await _browser.PageAsync("/rels")).QuerySelectorAll("main a[href^='/rels/']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(docs);
        Assert.NotEmpty(rels);

        foreach (var url in docs.Concat(rels).Append("/docs").Append("/rels"))
        {
            // Act
            var page = await _browser.PageAsync(url);

            // Assert
            AssertInert(page, url);
        }

        var api = await _browser.PageAsync("/docs/api");
        Assert.True(api.QuerySelectorAll("article.doc table").Length > 3);
        Assert.NotNull(api.QuerySelector("article.doc h3#message-webhooks--messagesname code"));
        Assert.NotNull((await _browser.PageAsync("/docs/tcc")).QuerySelector("article.doc a[href='#bpmn-transactions']"));
    }

    /// <summary>Nothing that runs script or styles the page from inside it; every URL one of the allowed kinds.</summary>
    private static void AssertInert(IHtmlDocument page, string url)
    {
        Assert.True(page.QuerySelectorAll("script, iframe, embed, style, frame, base, meta[http-equiv]").Length == 0, $"{url}: an active element");
        foreach (var element in page.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{url}: <{element.LocalName} {attribute.Name}>");
                Assert.False(attribute.Name == "style", $"{url}: <{element.LocalName} style=\"{attribute.Value}\">");
                Assert.False(attribute.Name is "href" or "src" or "action" or "data" or "formaction" && IsScriptUrl(attribute.Value), $"{url}: <{element.LocalName} {attribute.Name}=\"{attribute.Value}\">");
            }
        }

        Assert.All(page.QuerySelectorAll("object"), o => Assert.StartsWith("/", o.GetAttribute("data"), StringComparison.Ordinal));
    }

    /// <summary>A URL that runs or carries a document rather than pointing at one, read as a browser reads it.</summary>
    private static bool IsScriptUrl(string value)
    {
        var visible = new string(value.Where(c => c > ' ').ToArray()).ToLowerInvariant();
        return visible.StartsWith("javascript:", StringComparison.Ordinal) || visible.StartsWith("vbscript:", StringComparison.Ordinal) || visible.StartsWith("data:", StringComparison.Ordinal);
    }
}
