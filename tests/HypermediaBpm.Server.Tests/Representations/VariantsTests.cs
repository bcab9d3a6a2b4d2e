using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Tests.Representations;

public sealed class VariantsTests
{
    [Theory]
    [InlineData("/tasks/42", "json", "/tasks/42.json")]
    [InlineData("/tasks?state=open&page=2", "hal", "/tasks.hal?state=open&page=2")]
    [InlineData("/", "json", "/index.json")]
    [InlineData("/processes/invoice/versions/2", "bpmn", "/processes/invoice/versions/2.bpmn")]
    [InlineData("/instances/1/history#e5", "txt", "/instances/1/history.txt#e5")]
    [InlineData("http://example.org/tasks/1?x=1", "html", "http://example.org/tasks/1.html?x=1")]
    public void UriFor_Href_PutsSuffixAtEndOfPath(string href, string format, string expected)
    {
        // Act
        var uri = Variants.UriFor(href, format);

        // Assert
        Assert.Equal(expected, uri);
    }

    [Fact]
    public void UriFor_UnknownFormat_Throws()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => Variants.UriFor("/tasks/1", "png"));
    }

    [Fact]
    public void AddAlternates_Formats_AddsTypedAlternateLinksOnce()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Task, "/tasks/1");

        // Act
        Variants.AddAlternates(resource, "hal", "json");
        Variants.AddAlternates(resource, "json");

        // Assert
        var alternates = resource.Links.Where(l => l.Rel == Rels.Alternate).ToList();
        Assert.Equal(2, alternates.Count);
        Assert.Equal(new Link(Rels.Alternate, "/tasks/1.hal", "HAL", MediaTypes.Hal), alternates[0]);
        Assert.Equal(new Link(Rels.Alternate, "/tasks/1.json", "JSON", MediaTypes.Json), alternates[1]);
    }

    [Theory]
    [InlineData(MediaTypes.Hal, "hal")]
    [InlineData(MediaTypes.HalForms, "forms")]
    [InlineData("application/json; charset=utf-8", "json")]
    [InlineData(MediaTypes.Html, "html")]
    [InlineData(MediaTypes.Atom, "atom")]
    [InlineData(MediaTypes.Svg, "svg")]
    [InlineData(MediaTypes.Bpmn, "bpmn")]
    [InlineData(MediaTypes.Xml, "bpmn")]
    [InlineData(MediaTypes.PlainText, "txt")]
    [InlineData("application/vnd.x-y+json", "vndxyjson")]
    public void TagFor_MediaType_IsShortTagWithoutDash(string mediaType, string expected)
    {
        // Act / Assert
        Assert.Equal(expected, Variants.TagFor(mediaType));
    }

    [Fact]
    public void FormatFor_EveryMappedMediaType_RoundTripsThroughByFormat()
    {
        // Act / Assert
        foreach (var (format, mediaType) in MediaTypes.ByFormat)
        {
            Assert.Equal(format, Variants.FormatFor(mediaType));
        }
    }
}
