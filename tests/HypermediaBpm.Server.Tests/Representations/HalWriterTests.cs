using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Representations.Hal;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Tests.Representations;

public sealed class HalWriterTests
{
    private static JsonElement Write(Resource resource, bool halForms = false)
    {
        var json = Encoding.UTF8.GetString(HalWriter.ToUtf8Bytes(resource, halForms));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public void Write_AnyResource_DeclaresBpmCurie()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Root, "/");

        // Act
        var doc = Write(resource);

        // Assert
        var curie = doc.GetProperty("_links").GetProperty("curies")[0];
        Assert.Equal("bpm", curie.GetProperty("name").GetString());
        Assert.Equal("/rels/{rel}", curie.GetProperty("href").GetString());
        Assert.True(curie.GetProperty("templated").GetBoolean());
    }

    [Fact]
    public void Write_Properties_ComeFirstInOrderThenLinks()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Task, "/tasks/1").WithProperty("b", 1).WithProperty("a", "x").WithProperty("n", null);

        // Act
        var names = Write(resource).EnumerateObject().Select(p => p.Name).ToList();

        // Assert
        Assert.Equal(["b", "a", "n", "_links"], names);
    }

    [Fact]
    public void Write_OneLinkPerRel_IsObject_SeveralAreArray()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Task, "/tasks/1")
            .AddLink(Rels.Next, "/tasks/2", "Two")
            .AddLink(Rels.Next, "/tasks/3")
            .AddLink(Rels.Tasks, "/tasks{?state}", "Tasks", templated: true);

        // Act
        var links = Write(resource).GetProperty("_links");

        // Assert
        Assert.Equal(JsonValueKind.Object, links.GetProperty("self").ValueKind);
        Assert.Equal(2, links.GetProperty("next").GetArrayLength());
        Assert.Equal("Two", links.GetProperty("next")[0].GetProperty("title").GetString());
        Assert.False(links.GetProperty("next")[1].TryGetProperty("title", out _));
        Assert.True(links.GetProperty("bpm:tasks").GetProperty("templated").GetBoolean());
        Assert.False(links.GetProperty("self").TryGetProperty("templated", out _));
    }

    [Fact]
    public void Write_LinkWithTypeAndName_CarriesThem()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Process, "/processes/a");
        resource.Links.Add(new Link(Rels.Alternate, "/processes/a.bpmn", "BPMN", "application/bpmn+xml", Name: "source"));

        // Act
        var alternate = Write(resource).GetProperty("_links").GetProperty("alternate");

        // Assert
        Assert.Equal("application/bpmn+xml", alternate.GetProperty("type").GetString());
        Assert.Equal("source", alternate.GetProperty("name").GetString());
    }

    [Fact]
    public void Write_SingleItem_IsStillArray()
    {
        // Arrange
        var member = new Resource(ResourceKinds.Task, "/tasks/1");
        var collection = new Resource(ResourceKinds.TaskCollection, "/tasks").AddLink(Rels.Item, "/tasks/1").Embed(Rels.Item, member);

        // Act
        var doc = Write(collection);

        // Assert
        Assert.Equal(JsonValueKind.Array, doc.GetProperty("_links").GetProperty("item").ValueKind);
        Assert.Equal(JsonValueKind.Array, doc.GetProperty("_embedded").GetProperty("item").ValueKind);
    }

    [Fact]
    public void Write_Embedded_IsHalWithoutCuries()
    {
        // Arrange
        var task = new Resource(ResourceKinds.Task, "/tasks/1").WithProperty("name", "Approve");
        var instance = new Resource(ResourceKinds.Instance, "/instances/1").Embed(Rels.Tasks, task);

        // Act
        var embedded = Write(instance).GetProperty("_embedded").GetProperty("bpm:tasks");

        // Assert
        Assert.Equal(JsonValueKind.Object, embedded.ValueKind);
        Assert.Equal("Approve", embedded.GetProperty("name").GetString());
        Assert.Equal("/tasks/1", embedded.GetProperty("_links").GetProperty("self").GetProperty("href").GetString());
        Assert.False(embedded.GetProperty("_links").TryGetProperty("curies", out _));
    }

    [Fact]
    public void Write_Templates_HaveHalFormsShape()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Task, "/tasks/1");
        var complete = new Template { Name = "complete", Method = "POST", Target = "/tasks/1/complete", Title = "Complete" };
        complete.Properties.Add(new TemplateProperty("amount", "Amount", "number", Required: true, Value: "5", Regex: "^[0-9]+$"));
        complete.Properties.Add(new TemplateProperty("decision", "Decision", "select", Value: "yes",
            Options: [new TemplateOption("yes", "Approve"), new TemplateOption("no", "Reject")]));
        complete.Properties.Add(new TemplateProperty("id", ReadOnly: true));
        resource.Templates.Add(complete);

        // Act
        var template = Write(resource).GetProperty("_templates").GetProperty("complete");

        // Assert
        Assert.Equal("Complete", template.GetProperty("title").GetString());
        Assert.Equal("POST", template.GetProperty("method").GetString());
        Assert.Equal("/tasks/1/complete", template.GetProperty("target").GetString());
        Assert.Equal("application/json", template.GetProperty("contentType").GetString());
        var amount = template.GetProperty("properties")[0];
        Assert.Equal("amount", amount.GetProperty("name").GetString());
        Assert.Equal("Amount", amount.GetProperty("prompt").GetString());
        Assert.Equal("number", amount.GetProperty("type").GetString());
        Assert.True(amount.GetProperty("required").GetBoolean());
        Assert.Equal("5", amount.GetProperty("value").GetString());
        Assert.Equal("^[0-9]+$", amount.GetProperty("regex").GetString());
        Assert.False(amount.TryGetProperty("readOnly", out _));
        var inline = template.GetProperty("properties")[1].GetProperty("options").GetProperty("inline");
        Assert.Equal("Approve", inline[0].GetProperty("prompt").GetString());
        Assert.Equal("yes", inline[0].GetProperty("value").GetString());
        Assert.Equal("yes", template.GetProperty("properties")[1].GetProperty("options").GetProperty("selectedValues")[0].GetString());
        var id = template.GetProperty("properties")[2];
        Assert.True(id.GetProperty("readOnly").GetBoolean());
        Assert.False(id.TryGetProperty("required", out _));
        Assert.False(id.TryGetProperty("prompt", out _));
        Assert.False(id.TryGetProperty("options", out _));
    }

    [Fact]
    public void Write_HalFormsWithoutTemplates_HasEmptyTemplates()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Task, "/tasks/1");

        // Act
        var halForms = Write(resource, halForms: true);
        var hal = Write(resource);

        // Assert
        Assert.Empty(halForms.GetProperty("_templates").EnumerateObject());
        Assert.False(hal.TryGetProperty("_templates", out _));
    }

    [Fact]
    public void Write_Order_IsPropertiesLinksEmbeddedTemplates()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Instance, "/instances/1").WithProperty("id", "1").Embed(Rels.Tasks, new Resource(ResourceKinds.Task, "/tasks/1"));
        resource.Templates.Add(new Template { Name = "cancel", Method = "DELETE", Target = "/instances/1" });

        // Act
        var names = Write(resource).EnumerateObject().Select(p => p.Name).ToList();

        // Assert
        Assert.Equal(["id", "_links", "_embedded", "_templates"], names);
    }

    [Fact]
    public void Write_Values_AreJson()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Instance, "/instances/1")
            .WithProperty("startedAt", new DateTimeOffset(2030, 1, 2, 4, 4, 5, 6, TimeSpan.FromHours(1)))
            .WithProperty("count", 3L)
            .WithProperty("ratio", 0.5)
            .WithProperty("done", false)
            .WithProperty("tags", new List<string> { "a", "b" })
            .WithProperty("variables", new Dictionary<string, object?> { ["amount"] = 150, ["approver"] = null });

        // Act
        var doc = Write(resource);

        // Assert
        Assert.Equal("2030-01-02T03:04:05.006Z", doc.GetProperty("startedAt").GetString());
        Assert.Equal(3, doc.GetProperty("count").GetInt64());
        Assert.Equal(0.5, doc.GetProperty("ratio").GetDouble());
        Assert.False(doc.GetProperty("done").GetBoolean());
        Assert.Equal("b", doc.GetProperty("tags")[1].GetString());
        Assert.Equal(150, doc.GetProperty("variables").GetProperty("amount").GetInt32());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("variables").GetProperty("approver").ValueKind);
    }

    [Fact]
    public void Write_NonAsciiText_IsNotEscaped()
    {
        // Arrange
        var resource = new Resource(ResourceKinds.Task, "/tasks/1").WithProperty("name", "Prüfen 'B'");

        // Act
        var json = Encoding.UTF8.GetString(HalWriter.ToUtf8Bytes(resource));

        // Assert
        Assert.Contains("\"name\":\"Prüfen 'B'\"", json);
    }
}
