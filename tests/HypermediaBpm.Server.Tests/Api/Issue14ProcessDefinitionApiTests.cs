using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// The process-definition API reference's calls, made as its examples make them: <c>fetch</c> / Python
/// <c>requests</c> with no <c>Accept</c>, reading <c>data</c> (contract §1, §3 <c>edit</c>, §4).
/// </summary>
public sealed class Issue14ProcessDefinitionApiTests
{
    private static string Model(string key, string name = "Order Processing") => ServerFactory.Fixture("approval.bpmn")
        .Replace("id=\"approval\" name=\"Approval\"", $"id=\"{key}\" name=\"{name}\"", StringComparison.Ordinal);

    [Fact]
    public async Task Issue14_FetchProcesses_ReadsDataItemsAndTheIdAnswersLikeTheProcess()
    {
        using var factory = new ServerFactory();
        var client = new EnvelopeClient(factory.CreateClient());
        var root = await client.GetAsync("/");
        var processes = EnvelopeClient.Link(root, "bpm:processes");

        // const newProcess = await fetch('/processes', {method: 'POST', body: JSON.stringify({name, bpmn_xml})})
        using var created = await client.SendAsync(HttpMethod.Post, processes, new { name = "Order Processing", bpmn_xml = Model("order") });
        var process = await EnvelopeClient.DataAsync(created, HttpStatusCode.Created);
        Assert.Equal(1, process.GetProperty("version").GetInt32());
        Assert.Equal(process.GetProperty("created_at").GetString(), process.GetProperty("updated_at").GetString());
        Assert.Contains("<process id=\"order\"", process.GetProperty("bpmn_xml").GetString(), StringComparison.Ordinal);

        // const { data } = await (await fetch('/processes')).json(); const processes = data.items;
        var list = await client.GetAsync(processes);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(process.GetProperty("id").GetString(), item.GetProperty("id").GetString());
        Assert.Equal("Order Processing", item.GetProperty("name").GetString());
        Assert.False(item.TryGetProperty("bpmn_xml", out _));
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        Assert.Equal(20, list.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, list.GetProperty("totalPages").GetInt32());

        // fetch(`/processes/${processId}`) with the id the server gave.
        var byId = await client.GetAsync("/processes/" + process.GetProperty("id").GetString());
        Assert.Equal("order", byId.GetProperty("key").GetString());
        Assert.Equal("/processes/order", byId.GetProperty("links").GetProperty("self").GetString());
    }

    [Fact]
    public async Task Issue14_PutWithOnlyName_MakesANewVersionOfTheSameModel()
    {
        using var factory = new ServerFactory();
        var client = new EnvelopeClient(factory.CreateClient());
        var processes = EnvelopeClient.Link(await client.GetAsync("/"), "bpm:processes");
        using var created = await client.SendAsync(HttpMethod.Post, processes, new { name = "Order Processing", bpmn_xml = Model("order") });
        var first = await EnvelopeClient.DataAsync(created, HttpStatusCode.Created);
        var id = first.GetProperty("id").GetString();

        // fetch(`/processes/${processId}`, {method: 'PUT', body: JSON.stringify({name: 'Updated Process'})})
        using var updated = await client.SendAsync(HttpMethod.Put, $"/processes/{id}", new { name = "Updated Process" });
        var second = await EnvelopeClient.DataAsync(updated, HttpStatusCode.OK);

        Assert.Equal(id, second.GetProperty("id").GetString());
        Assert.Equal("Updated Process", second.GetProperty("name").GetString());
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(first.GetProperty("bpmn_xml").GetString(), second.GetProperty("bpmn_xml").GetString());
        Assert.Equal(first.GetProperty("created_at").GetString(), second.GetProperty("created_at").GetString());
        Assert.True(second.GetProperty("updated_at").GetDateTimeOffset() >= first.GetProperty("updated_at").GetDateTimeOffset());

        // "version": optional, and an explicit one is taken; then a model alone keeps the name.
        using var explicitVersion = await client.SendAsync(HttpMethod.Put, $"/processes/{id}", new { version = 7 });
        Assert.Equal(7, (await EnvelopeClient.DataAsync(explicitVersion, HttpStatusCode.OK)).GetProperty("version").GetInt32());
        using var modelOnly = await client.SendAsync(HttpMethod.Put, $"/processes/{id}", new { bpmn_xml = Model("order", "Renamed in the model") });
        var third = await EnvelopeClient.DataAsync(modelOnly, HttpStatusCode.OK);
        Assert.Equal(8, third.GetProperty("version").GetInt32());
        Assert.Equal("Updated Process", third.GetProperty("name").GetString());
        var listed = await client.GetAsync(processes);
        Assert.Equal(first.GetProperty("created_at").GetString(), listed.GetProperty("items")[0].GetProperty("created_at").GetString());
        Assert.Equal(third.GetProperty("updated_at").GetString(), listed.GetProperty("items")[0].GetProperty("updated_at").GetString());

        // await fetch(`/processes/${processId}`, {method: 'DELETE'})
        using var deleted = await client.SendAsync(HttpMethod.Delete, $"/processes/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Issue14_PageAndPageSize_AnswerNumberedPagesAndRefuseOutOfRange()
    {
        using var factory = new ServerFactory();
        var client = new EnvelopeClient(factory.CreateClient());
        var processes = EnvelopeClient.Link(await client.GetAsync("/"), "bpm:processes");
        foreach (var key in new[] { "p-a", "p-b", "p-c" })
        {
            using var created = await client.SendAsync(HttpMethod.Post, processes, new { name = key, bpmn_xml = Model(key) });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var second = await client.GetAsync(processes + "?page=2&pageSize=2");
        Assert.Equal(["p-c"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(2, second.GetProperty("totalPages").GetInt32());
        Assert.Equal(3, second.GetProperty("total").GetInt64());
        var previous = await client.GetAsync(EnvelopeClient.Link(second, "prev"));
        Assert.Equal(["p-a", "p-b"], previous.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()));

        foreach (var (query, code) in new[] { ("?page=3&pageSize=2", "PAGE_OUT_OF_RANGE"), ("?pageSize=0", "INVALID_PAGE_SIZE"), ("?pageSize=201", "INVALID_PAGE_SIZE"), ("?page=0", "INVALID_PAGE") })
        {
            using var refused = await client.Http.GetAsync(processes + query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        }

        // Every collection takes them: instances too.
        var instances = await client.GetAsync(EnvelopeClient.Untemplated(EnvelopeClient.Link(await client.GetAsync("/"), "bpm:instances")) + "?page=1&pageSize=5");
        Assert.Equal(5, instances.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Issue14_PutWithOnlyName_IsForAdminsOnly()
    {
        using var factory = new ServerFactory();
        var admin = new EnvelopeClient(factory.CreateClient());
        using var created = await admin.SendAsync(HttpMethod.Post, "/processes", new { name = "Order", bpmn_xml = Model("order") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await IdentityTestUsers.AddAsync(factory, "ann");
        var ann = new EnvelopeClient(factory.ClientAs("ann", IdentityTestUsers.Password));

        using var refused = await ann.SendAsync(HttpMethod.Put, "/processes/order", new { name = "Mine now" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Order", (await admin.GetAsync("/processes/order")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Issue14_ProcessLinks_HaveCollectionOnce()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        await hal.DeployAsync(Model("order"));

        var process = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes");
        var member = Assert.Single(process.Embedded("item"));
        var full = await hal.GetAsync(member.Self);

        Assert.Single(member.Links("collection"));
        Assert.Single(full.Links("collection"));
    }
}
