using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Models deployed for documentation only (<c>executable: false</c>): every model of the rendering corpus has a
/// diagram, a source, a description and versions, and no start; executable deploys still refuse what cannot run.
/// </summary>
public sealed class Issue14DocumentationModelTests
{
    public static TheoryData<string> RenderFiles() => new(Corpus.Files("render").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(RenderFiles))]
    public async Task Issue14_RenderCorpusModel_DeploysForDocumentationWithDiagramAndNoStart(string file)
    {
        using var factory = new ServerFactory();
        var client = new EnvelopeClient(factory.CreateClient());
        var xml = await File.ReadAllTextAsync(Path.Combine(Corpus.Root, "render", file));
        var processes = EnvelopeClient.Link(await client.GetAsync("/"), "bpm:processes");

        using var deployed = await client.SendAsync(HttpMethod.Post, processes, new { name = file, bpmn_xml = xml, executable = false });
        var process = await EnvelopeClient.DataAsync(deployed, HttpStatusCode.Created);

        Assert.False(process.GetProperty("executable").GetBoolean());
        var hal = factory.Hal();
        var halProcess = await hal.GetAsync(deployed.Headers.Location!.ToString());
        Assert.False(halProcess.HasTemplate("start"));
        Assert.False(halProcess.HasTemplate("reserve"));
        using var diagram = await client.Http.GetAsync(halProcess.Link("bpm:diagram"));
        Assert.Equal(HttpStatusCode.OK, diagram.StatusCode);
        Assert.Equal("image/svg+xml", diagram.Content.Headers.ContentType?.MediaType);
        using var source = await client.Http.GetAsync(halProcess.Link("bpm:source"));
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
        using var text = await client.Http.GetAsync(halProcess.Self + ".txt");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);

        using var start = await client.SendAsync(HttpMethod.Post, halProcess.Self, new { });
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        using var problem = JsonDocument.Parse(await start.Content.ReadAsStringAsync());
        Assert.Equal("PROCESS_NOT_EXECUTABLE", problem.RootElement.GetProperty("code").GetString());

        // A new version by name alone stays a documentation model.
        using var renamed = await client.SendAsync(HttpMethod.Put, halProcess.Self, new { name = "Renamed" });
        var second = await EnvelopeClient.DataAsync(renamed, HttpStatusCode.OK);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.False(second.GetProperty("executable").GetBoolean());
    }

    [Fact]
    public async Task Issue14_ExecutableDeploy_StillRefusesWhatCannotRun_WithLineAndColumn()
    {
        using var factory = new ServerFactory();
        var client = new EnvelopeClient(factory.CreateClient());
        var xml = await File.ReadAllTextAsync(Path.Combine(Corpus.Root, "render", "miwg-B.2.0.bpmn"));

        using var refused = await client.SendAsync(HttpMethod.Post, "/processes", new { name = "B.2.0", bpmn_xml = xml });

        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("BPMN_INVALID", problem.RootElement.GetProperty("code").GetString());
        Assert.All(problem.RootElement.GetProperty("context").GetProperty("errors").EnumerateArray(),
            e => Assert.True(e.GetProperty("line").GetInt32() > 0 && e.GetProperty("column").GetInt32() > 0));
    }

    [Fact]
    public async Task Issue14_DeployForm_OffersTheExecutableCheckbox()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var processes = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:processes");

        var property = processes.Template("deploy").GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "executable");

        Assert.Equal("checkbox", property.GetProperty("type").GetString());
        Assert.Equal("true", property.GetProperty("value").GetString());
    }
}
