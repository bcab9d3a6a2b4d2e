using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Tests.Representations;

public sealed class LinkHeaderTests
{
    [Fact]
    public void For_Resource_ListsLinksExceptItemsAndTemplates()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.TaskCollection, "/tasks")
            .AddLink(Rels.Item, "/tasks/1")
            .AddLink(Rels.Up, "/")
            .AddLink(Rels.Instances, "/instances{?state}", templated: true)
            .AddLink(Rels.Alternate, "/tasks.json", "JSON", MediaTypes.Json);

        // Act
        var header = LinkHeader.For(resource);

        // Assert
        Assert.Equal("</tasks>; rel=\"self\", </>; rel=\"up\", </tasks.json>; rel=\"alternate\"; title=\"JSON\"; type=\"application/json\"", header);
    }

    [Fact]
    public void Format_CurieRel_IsQuoted()
    {
        // Act / Assert
        Assert.Equal("</instances/1/history>; rel=\"bpm:history\"", LinkHeader.Format(new Link(Rels.History, "/instances/1/history")));
    }

    [Fact]
    public void Format_NonAsciiTitleAndHref_AreEncoded()
    {
        // Act
        var value = LinkHeader.Format(new Link(Rels.Next, "/tasks/prüfen", "Prüfen \"B\""));

        // Assert
        Assert.Equal("</tasks/pr%C3%BCfen>; rel=\"next\"; title*=UTF-8''Pr%C3%BCfen%20%22B%22", value);
        Assert.All(value, c => Assert.True(c < 128));
    }

    [Fact]
    public void Format_QuoteInAsciiTitle_IsEscaped()
    {
        // Act / Assert
        Assert.Equal("</a>; rel=\"up\"; title=\"say \\\"hi\\\"\"", LinkHeader.Format(new Link(Rels.Up, "/a", "say \"hi\"")));
    }
}
