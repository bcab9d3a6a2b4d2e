using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Representations.Json;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Tests.Representations;

public sealed class JsonEnvelopeWriterTests
{
    private static JsonElement Write(Resource resource) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(JsonEnvelopeWriter.ToUtf8Bytes(resource))).RootElement.Clone();

    [Fact]
    public void Write_SingleResource_IsDataWithPropertiesAndLinks()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Task, "/tasks/1")
            .WithProperty("id", "1")
            .WithProperty("createdAt", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero))
            .AddLink(Rels.Up, "/instances/9")
            .AddLink(Rels.Next, "/tasks/2")
            .AddLink(Rels.Next, "/tasks/3");
        resource.Templates.Add(new Template { Name = "claim", Method = "POST", Target = "/tasks/1/claim" });

        // Act
        var root = Write(resource);

        // Assert
        Assert.Equal(["data"], root.EnumerateObject().Select(p => p.Name));
        var data = root.GetProperty("data");
        Assert.Equal(["id", "createdAt", "links"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2030-01-02T03:04:05.000Z", data.GetProperty("createdAt").GetString());
        var links = data.GetProperty("links");
        Assert.Equal("/tasks/1", links.GetProperty("self").GetString());
        Assert.Equal("/instances/9", links.GetProperty("up").GetString());
        Assert.Equal(["/tasks/2", "/tasks/3"], links.GetProperty("next").EnumerateArray().Select(e => e.GetString()));
        Assert.False(links.TryGetProperty("curies", out _));
    }

    [Fact]
    public void Write_EmbeddedResources_AreUnderTheirRel()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Instance, "/instances/1")
            .Embed(Rels.Tasks, new Resource(ResourceKinds.Task, "/tasks/1").WithProperty("name", "A"))
            .Embed(Rels.History, new Resource(ResourceKinds.HistoryEntry, "/h/1"))
            .Embed(Rels.History, new Resource(ResourceKinds.HistoryEntry, "/h/2"));

        // Act
        var data = Write(resource).GetProperty("data");

        // Assert
        Assert.Equal("A", data.GetProperty("bpm:tasks").GetProperty("name").GetString());
        Assert.Equal("/tasks/1", data.GetProperty("bpm:tasks").GetProperty("links").GetProperty("self").GetString());
        Assert.Equal(2, data.GetProperty("bpm:history").GetArrayLength());
    }

    [Fact]
    public void Write_Collection_IsItemsWithPagingNumbers()
    {
        // Arrange
        var collection = new Resource(ResourceKinds.TaskCollection, "/tasks?state=open") { Collection = new CollectionInfo(41, 2, 20, 3) };
        collection.Properties["total"] = 41L;
        collection.Properties["page"] = 2;
        collection.Properties["filter"] = "open";
        foreach (var id in new[] { "1", "2" })
        {
            collection.AddLink(Rels.Item, "/tasks/" + id).Embed(Rels.Item, new Resource(ResourceKinds.Task, "/tasks/" + id).WithProperty("id", id));
        }

        collection.AddLink(Rels.Next, "/tasks?state=open&page=3");

        // Act
        var data = Write(collection).GetProperty("data");

        // Assert
        Assert.Equal(["items", "total", "page", "pageSize", "totalPages", "filter", "links"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(41, data.GetProperty("total").GetInt64());
        Assert.Equal(2, data.GetProperty("page").GetInt32());
        Assert.Equal(20, data.GetProperty("pageSize").GetInt32());
        Assert.Equal(3, data.GetProperty("totalPages").GetInt32());
        var items = data.GetProperty("items");
        Assert.Equal("2", items[1].GetProperty("id").GetString());
        Assert.Equal("/tasks/2", items[1].GetProperty("links").GetProperty("self").GetString());
        Assert.Equal("/tasks?state=open&page=3", data.GetProperty("links").GetProperty("next").GetString());
        Assert.False(data.GetProperty("links").TryGetProperty("item", out _));
    }

    [Fact]
    public void Write_EmptyCollection_HasEmptyItems()
    {
        // Arrange
        var collection = new Resource(ResourceKinds.TaskCollection, "/tasks") { Collection = new CollectionInfo(0, 1, 20, 1) };

        // Act
        var data = Write(collection).GetProperty("data");

        // Assert
        Assert.Equal(0, data.GetProperty("items").GetArrayLength());
        Assert.Equal(0, data.GetProperty("total").GetInt64());
    }
}
