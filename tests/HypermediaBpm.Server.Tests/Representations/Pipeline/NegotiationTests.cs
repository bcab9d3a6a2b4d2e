using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Tests.Representations.Pipeline;

/// <summary>Content negotiation through the real MVC pipeline with the Accept headers real clients send.</summary>
public sealed class NegotiationTests(RepresentationHostFixture fixture) : IClassFixture<RepresentationHostFixture>
{
    private RepresentationHost Host => fixture.Host;

    [Theory]
    [InlineData("*/*")]
    [InlineData(null)]
    [InlineData("application/*")]
    public async Task Get_AnyAccept_AnswersJsonEnvelope(string? accept)
    {
        // Arrange / Act: what curl, fetch and Python requests send (contract §1: the default is the envelope).
        var response = await Host.GetAsync("/things/1", accept);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaTypes.Json, RepresentationHost.ContentTypeOf(response));
        Assert.Equal("/things/1.json", response.Content.Headers.ContentLocation?.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/things/1", doc.RootElement.GetProperty("data").GetProperty("links").GetProperty("self").GetString());
    }

    [Theory]
    [InlineData("application/hal+json", MediaTypes.Hal)]
    [InlineData("application/prs.hal-forms+json", MediaTypes.HalForms)]
    [InlineData("application/hal+json, */*;q=0.1", MediaTypes.Hal)]
    [InlineData("*/*;q=0.1, application/hal+json", MediaTypes.Hal)]
    [InlineData("application/hal+json;q=0.2, */*", MediaTypes.Json)]
    public async Task Issue14_HalAskedFor_AnswersHalElseTheEnvelope(string accept, string expected)
    {
        // Act
        var response = await Host.GetAsync("/things/1", accept);

        // Assert
        Assert.Equal(expected, RepresentationHost.ContentTypeOf(response));
    }

    [Fact]
    public async Task Get_BrowserAccept_AnswersHtmlPage()
    {
        // Act
        var response = await Host.GetAsync("/things/1", RepresentationHost.ChromiumAccept);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaTypes.Html, RepresentationHost.ContentTypeOf(response));
        Assert.Contains("<link rel=\"self\" href=\"/things/1\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AcceptJson_AnswersEnvelope()
    {
        // Act
        var response = await Host.GetAsync("/things/1", "application/json");

        // Assert
        Assert.Equal(MediaTypes.Json, RepresentationHost.ContentTypeOf(response));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = doc.RootElement.GetProperty("data");
        Assert.Equal("1", data.GetProperty("id").GetString());
        Assert.Equal("/things/1", data.GetProperty("links").GetProperty("self").GetString());
        Assert.False(data.TryGetProperty("_links", out _));
    }

    [Fact]
    public async Task Get_AcceptHalForms_AnswersHalFormsWithTemplates()
    {
        // Act
        var response = await Host.GetAsync("/unversioned", "application/prs.hal-forms+json");

        // Assert
        Assert.Equal(MediaTypes.HalForms, RepresentationHost.ContentTypeOf(response));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("_templates").ValueKind);
    }

    [Theory]
    [InlineData("application/json;q=0.5, application/hal+json;q=0.9", MediaTypes.Hal)]
    [InlineData("application/hal+json;q=0.4, application/json", MediaTypes.Json)]
    [InlineData("text/html, application/json;q=0.1", MediaTypes.Html)]
    [InlineData("image/png, application/json;q=0.1", MediaTypes.Json)]
    public async Task Get_QualityValues_AreHonoured(string accept, string expected)
    {
        // Act
        var response = await Host.GetAsync("/things/1", accept);

        // Assert
        Assert.Equal(expected, RepresentationHost.ContentTypeOf(response));
    }

    [Fact]
    public async Task Get_AcceptNothingMatches_Answers406ProblemListingAvailableTypes()
    {
        // Act
        var response = await Host.GetAsync("/things/1", "image/png");

        // Assert
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal(MediaTypes.Problem, RepresentationHost.ContentTypeOf(response));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NOT_ACCEPTABLE", doc.RootElement.GetProperty("code").GetString());
        var available = doc.RootElement.GetProperty("context").GetProperty("available").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal([MediaTypes.Hal, MediaTypes.HalForms, MediaTypes.Json, MediaTypes.Html], available);
    }

    [Theory]
    [InlineData("/things/1.json", MediaTypes.Json)]
    [InlineData("/things/1?format=json", MediaTypes.Json)]
    [InlineData("/things/1.hal", MediaTypes.Hal)]
    [InlineData("/things/1.halforms", MediaTypes.HalForms)]
    [InlineData("/things.json", MediaTypes.Json)]
    public async Task Get_ExplicitVariantUri_OverridesAccept(string url, string expected)
    {
        // Act: the Accept header asks for something else on purpose.
        var response = await Host.GetAsync(url, expected == MediaTypes.Json ? "application/hal+json" : "application/json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, RepresentationHost.ContentTypeOf(response));
    }

    [Fact]
    public async Task Get_UnknownFormatSuffix_Answers404Problem()
    {
        // Act
        var response = await Host.GetAsync("/things/1.png", "*/*");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(MediaTypes.Problem, RepresentationHost.ContentTypeOf(response));
    }

    [Fact]
    public async Task Get_CollectionAsJson_AnswersItemsAndPaging()
    {
        // Act
        var response = await Host.GetAsync("/things", "application/json");

        // Assert
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = doc.RootElement.GetProperty("data");
        Assert.Equal(2, data.GetProperty("items").GetArrayLength());
        Assert.Equal(2, data.GetProperty("total").GetInt64());
        Assert.Equal(1, data.GetProperty("totalPages").GetInt32());
        Assert.Equal("/things/2", data.GetProperty("items")[1].GetProperty("links").GetProperty("self").GetString());
    }

    [Fact]
    public async Task Get_JsonResultWithHalAccept_StillAnswersJson()
    {
        // Act: a health-style endpoint returns JsonResult, which needs no output formatter.
        var response = await Host.GetAsync("/health-like", "application/hal+json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", RepresentationHost.ContentTypeOf(response));
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_PlainObjectAsJson_IsWrittenByTheJsonFormatter()
    {
        // Act
        var response = await Host.GetAsync("/plain-object", "application/json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"plain\":true}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_ResourceAsTextJson_IsNotSerializedRaw()
    {
        // Act: text/json is a type only MVC's JSON formatter writes; it must not dump the Resource object.
        var response = await Host.GetAsync("/things/1", "text/json");

        // Assert
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
