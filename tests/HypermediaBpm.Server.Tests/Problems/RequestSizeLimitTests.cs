using System.Net;
using System.Text.Json;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Tests.Representations.Pipeline;

namespace HypermediaBpm.Server.Tests.Problems;

public sealed class RequestSizeLimitTests
{
    [Fact]
    public async Task Post_BodyOverLimit_Answers413Problem()
    {
        // Arrange
        await using var host = await RepresentationHost.StartAsync(o => o.MaxRequestBodySize = 1024);
        var content = new ByteArrayContent(new byte[4096]);

        // Act
        var response = await host.SendAsync(HttpMethod.Post, "/upload", "application/hal+json", content);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(MediaTypes.Problem, RepresentationHost.ContentTypeOf(response));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("REQUEST_TOO_LARGE", doc.RootElement.GetProperty("code").GetString());
        Assert.Equal(1024, doc.RootElement.GetProperty("context").GetProperty("limit").GetInt64());
    }

    [Fact]
    public async Task Post_BodyWithinLimit_IsRead()
    {
        // Arrange
        await using var host = await RepresentationHost.StartAsync(o => o.MaxRequestBodySize = 1024);
        var content = new ByteArrayContent(new byte[1024]);

        // Act
        var response = await host.SendAsync(HttpMethod.Post, "/upload", "application/json", content);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Options_Default_Is10MiB()
    {
        // Act / Assert
        Assert.Equal(10 * 1024 * 1024, new RepresentationOptions().MaxRequestBodySize);
    }
}
