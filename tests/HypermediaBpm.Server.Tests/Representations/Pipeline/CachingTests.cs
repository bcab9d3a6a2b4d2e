using System.Net;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Tests.Representations.Pipeline;

/// <summary>ETag, Last-Modified, 304, Vary, Content-Location and Link through the real pipeline.</summary>
public sealed class CachingTests(RepresentationHostFixture fixture) : IClassFixture<RepresentationHostFixture>
{
    private RepresentationHost Host => fixture.Host;

    [Theory]
    [InlineData("application/hal+json", "\"7-hal\"")]
    [InlineData("application/prs.hal-forms+json", "\"7-forms\"")]
    [InlineData("application/json", "\"7-json\"")]
    public async Task Get_Resource_HasStrongETagPerVariant(string accept, string expected)
    {
        // Act
        var response = await Host.GetAsync("/things/1", accept);

        // Assert
        Assert.Equal(expected, response.Headers.ETag?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task Get_Resource_HasLastModifiedVaryAndContentLocation()
    {
        // Act
        var response = await Host.GetAsync("/things/1", "application/json");

        // Assert
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), response.Content.Headers.LastModified);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Equal("/things/1.json", response.Content.Headers.ContentLocation?.OriginalString);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Get_Resource_HasLinkHeader()
    {
        // Act
        var response = await Host.GetAsync("/things/1", "application/hal+json");

        // Assert
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Contains("</things/1>; rel=\"self\"", link);
        Assert.Contains("</>; rel=\"up\"", link);
        Assert.Contains("</things>; rel=\"collection\"", link);
        Assert.Contains("</tasks?thing=1>; rel=\"bpm:tasks\"; title=\"Tasks\"", link);
        Assert.Contains("</things/1.json>; rel=\"alternate\"; title=\"JSON\"; type=\"application/json\"", link);
        Assert.DoesNotContain("{?state}", link);
    }

    [Theory]
    [InlineData("\"7-hal\"")]
    [InlineData("\"6-hal\", \"7-hal\"")]
    [InlineData("W/\"7-hal\"")]
    [InlineData("*")]
    public async Task Get_IfNoneMatchMatches_Answers304WithoutBody(string ifNoneMatch)
    {
        // Act
        var response = await Host.GetAsync("/things/1", "application/hal+json", ("If-None-Match", ifNoneMatch));

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"7-hal\"", response.Headers.ETag?.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("\"6-hal\"")]
    [InlineData("\"7-json\"")]
    public async Task Get_IfNoneMatchDiffers_Answers200(string ifNoneMatch)
    {
        // Act
        var response = await Host.GetAsync("/things/1", "application/hal+json", ("If-None-Match", ifNoneMatch));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfModifiedSinceAtLastModified_Answers304()
    {
        // Act
        var response = await Host.GetAsync("/things/1", "application/json", ("If-Modified-Since", RepresentationTestController.Modified.ToString("r")));

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfModifiedSinceBeforeLastModified_Answers200()
    {
        // Act
        var response = await Host.GetAsync("/things/1", "application/json", ("If-Modified-Since", RepresentationTestController.Modified.AddMinutes(-1).ToString("r")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfNoneMatchDiffersButIfModifiedSinceMatches_Answers200()
    {
        // Act: If-Modified-Since is ignored when If-None-Match is present (RFC 9110 §13.1.3).
        var response = await Host.GetAsync("/things/1", "application/json",
            ("If-None-Match", "\"6-json\""), ("If-Modified-Since", RepresentationTestController.Modified.ToString("r")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ResourceWithoutRevision_HasNoETag()
    {
        // Act
        var response = await Host.GetAsync("/unversioned", "application/hal+json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Equal("/unversioned.hal", response.Content.Headers.ContentLocation?.OriginalString);
    }

    [Theory]
    [InlineData("\"7-hal\"")]
    [InlineData("\"7-json\"")]
    [InlineData("\"5-hal\", \"7-forms\"")]
    [InlineData("*")]
    public async Task Put_IfMatchNamesCurrentRevision_Answers200(string ifMatch)
    {
        // Act
        var response = await Host.SendAsync(HttpMethod.Put, "/things/1", "application/hal+json", null, ("If-Match", ifMatch));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_WithoutIfMatch_Answers200()
    {
        // Act
        var response = await Host.SendAsync(HttpMethod.Put, "/things/1", "application/hal+json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"7-hal\"", response.Headers.ETag?.ToString());
    }

    [Theory]
    [InlineData("\"6-hal\"")]
    [InlineData("W/\"7-hal\"")]
    public async Task Put_IfMatchStale_Answers412Problem(string ifMatch)
    {
        // Act
        var response = await Host.SendAsync(HttpMethod.Put, "/things/1", "application/hal+json", null, ("If-Match", ifMatch));

        // Assert
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(MediaTypes.Problem, RepresentationHost.ContentTypeOf(response));
        Assert.Contains("\"code\":\"PRECONDITION_FAILED\"", await response.Content.ReadAsStringAsync());
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Head_Resource_AnswersGetHeadersWithoutBody()
    {
        // Act
        var response = await Host.SendAsync(HttpMethod.Head, "/things/1", "application/json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"7-json\"", response.Headers.ETag?.ToString());
        Assert.Equal(MediaTypes.Json, RepresentationHost.ContentTypeOf(response));
        Assert.Contains("rel=\"self\"", string.Join(", ", response.Headers.GetValues("Link")));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_IfNoneMatchMatches_Answers304()
    {
        // Act
        var response = await Host.SendAsync(HttpMethod.Head, "/things/1", "application/json", null, ("If-None-Match", "\"7-json\""));

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }
}
