using AngleSharp.Html.Parser;
using HypermediaBpm.Server.Representations.Html;

namespace HypermediaBpm.Server.Tests.Html;

/// <summary>Issue 13, finding 1: the one Markdown renderer, link by link.</summary>
public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](&#x6A;avascript&colon;alert(1))")]
    [InlineData("[x](<java\tscript:alert(1)>)")]
    [InlineData("[x](<java\nscript:alert(1)>)")]
    [InlineData("[x](<\u0001javascript:alert(1)>)")]
    [InlineData("[x](< javascript:alert(1)>)")]
    [InlineData("[x](data:text/html,<script>alert(1)</script>)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](file:///etc/passwd)")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](data:image/png;base64,AAAA)")]
    [InlineData("ftp://files.example.org/x")]
    public void Issue13_MarkdownLinkToRefusedUrl_KeepsOnlyItsText(string markdown)
    {
        // Act
        var html = SafeMarkdown.ToHtml(markdown);

        // Assert
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("a, img"));
        Assert.False(string.IsNullOrWhiteSpace(document.Body!.TextContent));
    }

    [Theory]
    [InlineData("[x](https://example.org/a?b=c)", "https://example.org/a?b=c")]
    [InlineData("[x](HTTP://example.org/)", "HTTP://example.org/")]
    [InlineData("[x](mailto:someone@example.org)", "mailto:someone@example.org")]
    [InlineData("[x](/processes/a)", "/processes/a")]
    [InlineData("[x](api.md#jobs)", "api.md#jobs")]
    [InlineData("[x](?page=2)", "?page=2")]
    [InlineData("[x](#section)", "#section")]
    [InlineData("[x](a/b:c)", "a/b:c")]
    [InlineData("<https://example.org/>", "https://example.org/")]
    [InlineData("<someone@example.org>", "mailto:someone@example.org")]
    [InlineData("see www.example.org", "http://www.example.org")]
    public void Issue13_MarkdownLinkToAllowedUrl_StaysALink(string markdown, string href)
    {
        // Act
        var document = new HtmlParser().ParseDocument(SafeMarkdown.ToHtml(markdown));

        // Assert
        Assert.Equal(href, Assert.Single(document.QuerySelectorAll("a")).GetAttribute("href"));
    }

    [Fact]
    public void Issue13_GenericAttributesAndRawHtml_AreText()
    {
        // Act
        var html = SafeMarkdown.ToHtml("![i](x.png){onerror=\"alert(1)\"}\n\n# Title {#main onclick=alert(2)}\n\n<b onmouseover=alert(3)>b</b>\n\n<iframe src=/></iframe>");

        // Assert
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("iframe, b, [onerror], [onclick], [onmouseover], #main"));
        Assert.Equal("x.png", document.QuerySelector("img")!.GetAttribute("src"));
        Assert.Contains("onerror", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue13_TableAlignment_IsAClassNotAStyle()
    {
        // Act
        var html = SafeMarkdown.ToHtml("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |");

        // Assert
        Assert.DoesNotContain("style", html, StringComparison.OrdinalIgnoreCase);
        var cells = new HtmlParser().ParseDocument(html).QuerySelectorAll("tbody td").Select(td => td.GetAttribute("class")).ToList();
        Assert.Equal(["align-left", "align-center", "align-right", null], cells);
    }
}
