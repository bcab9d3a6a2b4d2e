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

    [Fact]
    public void Issue18_For_RepeatedLinkAndNonAsciiHref_WrittenOnceInOrderAndEncoded()
    {
        // Arrange: the same link twice (left out the second time), one that differs only by its title, one to encode.
        var resource = new Resource(ResourceKinds.TaskCollection, "/tasks")
            .AddLink(Rels.Up, "/", "Home")
            .AddLink(Rels.Up, "/", "Home")
            .AddLink(Rels.Up, "/", "Start")
            .AddLink(Rels.Next, "/tasks/prüfen");

        // Act
        var header = LinkHeader.For(resource);

        // Assert
        Assert.Equal("</tasks>; rel=\"self\", </>; rel=\"up\"; title=\"Home\", </>; rel=\"up\"; title=\"Start\", </tasks/pr%C3%BCfen>; rel=\"next\"", header);
    }

    [Fact]
    public void Issue18_For_OnlyTemplatesAndItems_Null()
    {
        // Arrange: a resource's self link is not templated, so only a resource without one has nothing to link.
        var resource = new Resource(ResourceKinds.TaskCollection, "/tasks");
        resource.Links.Clear();
        resource.Links.Add(new Link(Rels.Item, "/tasks/1"));
        resource.Links.Add(new Link(Rels.Tasks, "/tasks{?state}", Templated: true));

        // Act / Assert
        Assert.Null(LinkHeader.For(resource));
    }
}
