using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>Issue 13, finding 7: big models must not make lists big, and models over the limit are refused on every path.</summary>
public sealed class ModelSizeTests
{
    private const int DefaultLimit = 5 * 1024 * 1024;

    /// <summary>Appears only in the models' bulk (an extension attribute), so finding it in an answer means the source leaked.</summary>
    private const string Bulk = "BULKBULKBULK";

    private const string Padding = "@@PADDING@@";

    private static readonly string[] ListTypes =
    [
        "application/hal+json", "application/prs.hal-forms+json", "application/json", "text/html", "application/atom+xml", "text/plain",
        "application/bpmn+xml", "image/svg+xml",
    ];

    [Fact]
    public async Task Issue13_LargeModels_ListsStaySmallInEveryRepresentationAndCarryNoSource()
    {
        // Arrange: four models just under the default limit, each with a documentation of nearly that size.
        using var factory = new ServerFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 4; i++)
        {
            var model = LargeModel($"big-{i}", DefaultLimit - 64, bulkInDocumentation: true);
            Assert.InRange(model.Length, DefaultLimit - 1024, DefaultLimit);
            using var content = new ByteArrayContent(model);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/bpmn+xml");
            var deployed = await client.PostAsync("/processes", content);
            Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        }

        // Act / Assert
        foreach (var url in new[] { "/processes", "/processes/big-0/versions", "/processes?pageSize=200" })
        {
            foreach (var type in ListTypes)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd(type);
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotAcceptable, $"{url} as {type}: {(int)response.StatusCode}");
                Assert.True(body.Length < 100_000, $"{url} as {type} is {body.Length:N0} characters");
                Assert.DoesNotContain(Bulk, body, StringComparison.Ordinal);
                Assert.DoesNotContain("bpmn_xml\":", body, StringComparison.Ordinal);
                Assert.DoesNotContain("<definitions", body, StringComparison.Ordinal);
            }
        }

        var list = await factory.Hal().GetAsync("/processes");
        Assert.Equal(4, list.Root.GetProperty("total").GetInt32());
        Assert.All(list.Embedded("item"), item => Assert.EndsWith("…", item.String("description"), StringComparison.Ordinal));
        Assert.All(list.Embedded("item"), item => Assert.Equal(500, item.String("description").Length));
    }

    [Fact]
    public async Task Issue13_LargeModel_ProcessPageDoesNotInlineTheSourceButJsonAndBpmnCarryIt()
    {
        // Arrange
        using var factory = new ServerFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var model = LargeModel("big", 2_000_000);
        using var content = new ByteArrayContent(model);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/bpmn+xml");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/processes", content)).StatusCode);

        // Act
        var html = await GetAsync(client, "/processes/big", "text/html");
        var json = await GetAsync(client, "/processes/big", "application/json");
        var bpmn = await client.GetByteArrayAsync("/processes/big.bpmn");

        // Assert: the page shows the model (diagram, forms, documentation) but the edit form starts empty.
        Assert.DoesNotContain(Bulk, html, StringComparison.Ordinal);
        Assert.True(html.Length < 200_000, $"the process page is {html.Length:N0} characters");
        Assert.Contains(Bulk, json, StringComparison.Ordinal);
        Assert.Equal(model, bpmn);
    }

    [Fact]
    public async Task Issue13_ModelOverDefaultLimit_Is413ModelTooLargeAndNothingIsStored()
    {
        // Arrange
        using var factory = new ServerFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var model = LargeModel("too-big", DefaultLimit + 1);

        // Act
        using var content = new ByteArrayContent(model);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/bpmn+xml");
        var response = await client.PostAsync("/processes", content);

        // Assert
        await AssertTooLargeAsync(response, DefaultLimit);
        Assert.Equal(0, (await factory.Hal().GetAsync("/processes")).Root.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Issue13_ModelOverConfiguredLimit_IsRefusedOnEveryDeployPath()
    {
        // Arrange: a small limit, a model just over it, and the same model under it for the edit.
        const int Limit = 20_000;
        using var factory = new ServerFactory(settings: new Dictionary<string, string> { ["Engine:MaxModelBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var over = LargeModel("limited", Limit + 1);
        var overText = Encoding.UTF8.GetString(over);
        var under = LargeModel("limited", Limit);
        using var first = new ByteArrayContent(under);
        first.Headers.ContentType = new MediaTypeHeaderValue("application/bpmn+xml");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/processes", first)).StatusCode);

        var attempts = new List<(string Path, HttpRequestMessage Request)>
        {
            ("raw body", Post(new ByteArrayContent(over), "application/bpmn+xml")),
            ("raw body, no length", Post(new StreamContent(new MemoryStream(over)), "application/xml", chunked: true)),
            ("JSON", Post(new StringContent(JsonSerializer.Serialize(new { bpmn_xml = overText }), Encoding.UTF8), "application/json")),
            ("multipart upload", Post(new MultipartFormDataContent { { new ByteArrayContent(over), "file", "model.bpmn" } }, null)),
            ("form field", Post(new FormUrlEncodedContent([new("bpmn_xml", overText)]), null)),
            ("PUT edit", new HttpRequestMessage(HttpMethod.Put, "/processes/limited") { Content = Json(overText) }),
        };

        foreach (var (path, request) in attempts)
        {
            // Act
            request.Headers.Accept.ParseAdd("application/problem+json, application/hal+json");
            var response = await client.SendAsync(request);

            // Assert
            await AssertTooLargeAsync(response, Limit, path);
        }

        var versions = await factory.Hal().GetAsync("/processes/limited/versions");
        Assert.Equal(1, versions.Root.GetProperty("total").GetInt32());
        Assert.Equal(1, (await factory.Hal().GetAsync("/processes")).Root.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Issue13_ModelOverLimitFromABrowserForm_ErrorPageDoesNotEchoTheModel()
    {
        // Arrange
        const int Limit = 20_000;
        using var factory = new ServerFactory(settings: new Dictionary<string, string> { ["Engine:MaxModelBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var request = Post(new FormUrlEncodedContent([new("bpmn_xml", Encoding.UTF8.GetString(LargeModel("limited", Limit * 2)))]), null);
        request.Headers.Accept.ParseAdd("text/html");

        // Act
        var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MODEL_TOO_LARGE", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Bulk, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue13_HugeTextAnnotation_DiagramStaysSmall()
    {
        // Arrange: annotations are no flow elements, so no deploy bound covers their text; the diagram must.
        using var factory = new ServerFactory();
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="t">
              <process id="annotated" isExecutable="true">
                <startEvent id="start" />
                <textAnnotation id="note"><text>{Bulk} {new string('w', 900_000)}</text></textAnnotation>
              </process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="annotated">
                <bpmndi:BPMNShape id="s1" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="s2" bpmnElement="note"><dc:Bounds x="200" y="50" width="100" height="30" /></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </definitions>
            """;
        using var content = new StringContent(xml, Encoding.UTF8, "application/bpmn+xml");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/processes", content)).StatusCode);

        // Act
        var svg = await GetAsync(client, "/processes/annotated/diagram", "image/svg+xml");

        // Assert
        Assert.Contains(Bulk, svg, StringComparison.Ordinal);
        Assert.True(svg.Length < 100_000, $"the diagram is {svg.Length:N0} characters");
    }

    [Theory]
    [InlineData("Engine:MaxModelBytes")]
    [InlineData("Engine:DefinitionCacheBytes")]
    public void Issue13_SizeSettingNotPositive_FailsAtStart(string key)
    {
        // Arrange
        using var factory = new ServerFactory(settings: new Dictionary<string, string> { [key] = "0" });

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        // Assert
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A valid model of exactly <paramref name="size"/> bytes (UTF-8): the approval fixture with its process renamed and
    /// <see cref="Bulk"/> padded to the size, either after the first 2 000 characters of the process's documentation
    /// (which lists used to repeat whole) or in an extension attribute of a task (which only the source holds).
    /// </summary>
    internal static byte[] LargeModel(string key, int size, bool bulkInDocumentation = false)
    {
        var documentation = new string('d', 2_000) + (bulkInDocumentation ? " " + Bulk + Padding : string.Empty);
        var attribute = bulkInDocumentation ? string.Empty : "camunda:bulk=\"" + Bulk + Padding + "\" ";
        var xml = ServerFactory.Fixture("approval.bpmn")
            .Replace("id=\"approval\"", $"id=\"{key}\"", StringComparison.Ordinal)
            .Replace("Small amounts pass;", documentation + " Small amounts pass;", StringComparison.Ordinal)
            .Replace("<userTask id=\"approve\"", "<userTask " + attribute + "id=\"approve\"", StringComparison.Ordinal);
        var padding = size - Encoding.UTF8.GetByteCount(xml.Replace(Padding, string.Empty, StringComparison.Ordinal));
        Assert.True(padding >= 0, $"a model of {size} bytes cannot be made that small");
        return Encoding.UTF8.GetBytes(xml.Replace(Padding, new string('x', padding), StringComparison.Ordinal));
    }

    private static HttpRequestMessage Post(HttpContent content, string? type, bool chunked = false)
    {
        if (type is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/processes") { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        return request;
    }

    private static StringContent Json(string xml) =>
        new(JsonSerializer.Serialize(new { bpmn_xml = xml }), Encoding.UTF8, "application/json");

    private static async Task<string> GetAsync(HttpClient client, string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response, long limit, string? path = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("MODEL_TOO_LARGE", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(limit, problem.RootElement.GetProperty("context").GetProperty("limit").GetInt64());
    }
}
