using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Tests.Representations.Pipeline;

/// <summary>Representations only some resources have (the BPMN source of a process definition).</summary>
public sealed class VariantFormatterTests(RepresentationHostFixture fixture) : IClassFixture<RepresentationHostFixture>
{
    private RepresentationHost Host => fixture.Host;

    [Theory]
    [InlineData("/definitions/a.bpmn", null, MediaTypes.Bpmn)]
    [InlineData("/definitions/a", "application/bpmn+xml", MediaTypes.Bpmn)]
    [InlineData("/definitions/a", "application/xml", MediaTypes.Xml)]
    public async Task Get_ProcessDefinitionAsXml_AnswersSourceByteForByte(string url, string? accept, string expected)
    {
        // Act
        var response = await Host.GetAsync(url, accept);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, RepresentationHost.ContentTypeOf(response));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(RepresentationTestController.BpmnXml), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"7-bpmn\"", response.Headers.ETag?.ToString());
        Assert.Contains("</definitions/a>; rel=\"self\"", string.Join(", ", response.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task Get_ProcessDefinitionWithAnyAccept_AnswersTheEnvelopeNotXml()
    {
        // Act
        var response = await Host.GetAsync("/definitions/a", "*/*");

        // Assert
        Assert.Equal(MediaTypes.Json, RepresentationHost.ContentTypeOf(response));
    }

    [Fact]
    public async Task Get_NonProcessAsBpmn_Answers406WithoutBpmnInAvailable()
    {
        // Act
        var response = await Host.GetAsync("/things/1.bpmn", "*/*");

        // Assert
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var context = doc.RootElement.GetProperty("context");
        Assert.Equal(MediaTypes.Bpmn, context.GetProperty("requested").GetString());
        Assert.Equal([MediaTypes.Hal, MediaTypes.HalForms, MediaTypes.Json, MediaTypes.Html], context.GetProperty("available").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Get_ProcessDefinitionNotAcceptable_ListsBpmnAmongAvailable()
    {
        // Act
        var response = await Host.GetAsync("/definitions/a", "image/png");

        // Assert
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var available = doc.RootElement.GetProperty("context").GetProperty("available").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal([MediaTypes.Hal, MediaTypes.HalForms, MediaTypes.Json, MediaTypes.Html, MediaTypes.Bpmn, MediaTypes.Xml], available);
    }
}
