using System.Net;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>Bad input gets a precise problem document and leaves nothing half-written.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Deploy_NotXml_Is422AtLineOneColumnOne()
    {
        using var factory = new ServerFactory();
        var problem = await DeployRawAsync(factory, "this is no xml", HttpStatusCode.UnprocessableEntity);

        Assert.Equal("BPMN_INVALID", problem.GetProperty("code").GetString());
        var error = problem.GetProperty("context").GetProperty("errors")[0];
        Assert.Equal("XML_MALFORMED", error.GetProperty("code").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal(1, error.GetProperty("column").GetInt32());
        await AssertNoProcessesAsync(factory);
    }

    [Fact]
    public async Task Deploy_XxeAttempt_IsRefusedWithoutReadingTheFile()
    {
        using var factory = new ServerFactory();
        var secret = Path.Combine(AppContext.BaseDirectory, "secret-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET-CONTENT");
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p" isExecutable="true"><documentation>&xxe;</documentation><startEvent id="s"/></process></definitions>
            """;

        var problem = await DeployRawAsync(factory, xml, HttpStatusCode.UnprocessableEntity);

        Assert.DoesNotContain("TOP-SECRET", problem.ToString());
        Assert.Equal("XML_DTD_PROHIBITED", problem.GetProperty("context").GetProperty("errors")[0].GetProperty("code").GetString());
        await AssertNoProcessesAsync(factory);
    }

    [Fact]
    public async Task Deploy_InvalidBpmn_ListsEveryProblemWithLineAndColumn()
    {
        using var factory = new ServerFactory();
        var xml = File.ReadAllText(Path.Combine(Corpus.Root, "invalid", "camunda-BpmnParseTest.testInvalidSequenceFlowInAndOutEventSubProcess.bpmn20.xml"));

        var problem = await DeployRawAsync(factory, xml, HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("context").GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 3, problem.ToString());
        Assert.All(errors, e => Assert.True(e.GetProperty("line").GetInt32() > 0 && e.GetProperty("column").GetInt32() > 0));
        var elements = errors.Select(e => e.TryGetProperty("element", out var el) ? el.GetString() : null).ToList();
        Assert.Contains("StartEvent_2", elements);
        Assert.Contains("SequenceFlow_1", elements);
        Assert.Contains("SequenceFlow_2", elements);
    }

    [Fact]
    public async Task Start_WrongFormTypes_Is422NamingTheField()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);

        var response = await hal.SubmitAsync(process, "start", new { amount = "a lot" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_FORM_INPUT", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("amount", problem.RootElement.GetProperty("context").GetProperty("errors")[0].GetProperty("field").GetString());
        var instances = await hal.FollowAsync(process, "bpm:instances");
        Assert.Equal(0, instances.Root.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("/instances/nope", "INSTANCE_NOT_FOUND")]
    [InlineData("/tasks/nope", "TASK_NOT_FOUND")]
    [InlineData("/processes/nope", "PROCESS_NOT_FOUND")]
    public async Task UnknownIds_Are404Problems(string path, string code)
    {
        using var factory = new ServerFactory();
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(code, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OversizedBody_Is413AndNothingIsWritten()
    {
        using var factory = new ServerFactory();
        var client = factory.CreateClient();
        var huge = new string('x', 11_000_000);

        var response = await client.PostAsync("/processes", new StringContent(huge, Encoding.UTF8, "application/bpmn+xml"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNoProcessesAsync(factory);
    }

    [Fact]
    public async Task MalformedJson_Is400Problem()
    {
        using var factory = new ServerFactory();
        var hal = factory.Hal();
        var process = await WalkthroughTests.DeployAsync(hal);

        var response = await hal.Http.PostAsync(process.Template("start").GetProperty("target").GetString(),
            new StringContent("{\"amount\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    private static async Task<JsonElement> DeployRawAsync(ServerFactory factory, string xml, HttpStatusCode expected)
    {
        var response = await factory.CreateClient().PostAsync("/processes", new StringContent(xml, Encoding.UTF8, "application/bpmn+xml"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task AssertNoProcessesAsync(ServerFactory factory)
    {
        var list = await factory.Hal().GetAsync("/processes");
        Assert.Equal(0, list.Root.GetProperty("total").GetInt64());
    }
}
