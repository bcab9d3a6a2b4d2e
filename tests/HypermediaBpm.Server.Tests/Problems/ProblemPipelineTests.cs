using System.Net;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Tests.Representations.Pipeline;

namespace HypermediaBpm.Server.Tests.Problems;

/// <summary>Every kind of error comes out as a problem document, through the real pipeline.</summary>
public sealed class ProblemPipelineTests(RepresentationHostFixture fixture) : IClassFixture<RepresentationHostFixture>
{
    private RepresentationHost Host => fixture.Host;

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal(MediaTypes.Problem, RepresentationHost.ContentTypeOf(response));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("not-found", 404, "TASK_NOT_FOUND", "taskId", "x")]
    [InlineData("invalid-state", 409, "TASK_NOT_OPEN", "state", "completed")]
    [InlineData("concurrency", 409, "CONCURRENT_MODIFICATION", "revision", "8")]
    [InlineData("duplicate", 409, "VERSION_EXISTS", "key", "invoice")]
    [InlineData("precondition", 412, "PRECONDITION_FAILED", "revision", "7")]
    [InlineData("bad-request", 400, "INVALID_PAGE", "page", "zz")]
    [InlineData("unsupported", 415, "UNSUPPORTED_MEDIA_TYPE", "contentType", "text/csv")]
    [InlineData("kestrel-too-large", 413, "REQUEST_TOO_LARGE", "limit", "10485760")]
    public async Task Get_ActionThrows_AnswersProblemEvenWhenHalAccepted(string kind, int status, string code, string contextKey, string contextValue)
    {
        // Act
        var response = await Host.GetAsync("/errors/" + kind, "application/hal+json");

        // Assert
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("/problems/" + code.ToLowerInvariant().Replace('_', '-'), problem.GetProperty("type").GetString());
        Assert.Equal("/errors/" + kind, problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(contextValue, problem.GetProperty("context").GetProperty(contextKey).ToString());
    }

    [Fact]
    public async Task Get_ValidationException_Answers422WithEveryErrorLocated()
    {
        // Act
        var response = await Host.GetAsync("/errors/validation", "application/json, */*;q=0.8");

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("BPMN_INVALID", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("context").GetProperty("errors");
        Assert.Equal(2, errors.GetArrayLength());
        Assert.Equal(12, errors[0].GetProperty("line").GetInt32());
        Assert.Equal(5, errors[0].GetProperty("column").GetInt32());
        Assert.Equal("Gateway_1", errors[0].GetProperty("element").GetString());
        Assert.Equal("UNSUPPORTED_ELEMENT", errors[0].GetProperty("code").GetString());
        Assert.False(errors[0].TryGetProperty("field", out _));
        Assert.Equal("amount", errors[1].GetProperty("field").GetString());
        Assert.False(errors[1].TryGetProperty("line", out _));
    }

    [Fact]
    public async Task Get_UnexpectedException_Answers500WithoutLeakingInternals()
    {
        // Act
        var response = await Host.GetAsync("/errors/boom", "application/json");

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
        var problem = await ProblemOf(response);
        Assert.Equal("INTERNAL_ERROR", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("context").TryGetProperty("traceId", out _));
    }

    [Theory]
    [InlineData("/nothing/here")]
    [InlineData("/things/1/nothing")]
    public async Task Get_UnknownUrl_Answers404Problem(string url)
    {
        // Act
        var response = await Host.GetAsync(url, "application/hal+json");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("NOT_FOUND", problem.GetProperty("code").GetString());
        Assert.Equal(url, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Delete_RouteWithoutThatMethod_Answers405ProblemWithAllowed()
    {
        // Act
        var response = await Host.SendAsync(HttpMethod.Delete, "/things/1", "application/hal+json");

        // Assert
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("METHOD_NOT_ALLOWED", problem.GetProperty("code").GetString());
        var allowed = problem.GetProperty("context").GetProperty("allowed").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("GET", allowed);
        Assert.Contains("PUT", allowed);
    }

    [Fact]
    public async Task Post_MalformedJson_Answers400ProblemWithPath()
    {
        // Arrange
        var content = new StringContent("{\"name\": \"x\", \"amount\": }", Encoding.UTF8, "application/json");

        // Act
        var response = await Host.SendAsync(HttpMethod.Post, "/things", "application/hal+json", content);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("BAD_REQUEST", problem.GetProperty("code").GetString());
        var fields = problem.GetProperty("context").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains(fields, f => f!.StartsWith('$'));
    }

    [Fact]
    public async Task Post_InvalidValues_Answers422InvalidInputWithField()
    {
        // Arrange: name is required.
        var content = new StringContent("{\"amount\": 3}", Encoding.UTF8, "application/json");

        // Act
        var response = await Host.SendAsync(HttpMethod.Post, "/things", "application/hal+json", content);

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("INVALID_INPUT", problem.GetProperty("code").GetString());
        Assert.Equal("Name", problem.GetProperty("context").GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Post_ValidJson_Answers201WithResource()
    {
        // Arrange
        var content = new StringContent("{\"name\": \"x\", \"amount\": 3}", Encoding.UTF8, "application/json");

        // Act
        var response = await Host.SendAsync(HttpMethod.Post, "/things", "application/hal+json", content);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(MediaTypes.Hal, RepresentationHost.ContentTypeOf(response));
        Assert.Equal("/things/3", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Post_UnreadableContentType_Answers415Problem()
    {
        // Arrange
        var content = new StringContent("name,amount", Encoding.UTF8, "text/csv");

        // Act
        var response = await Host.SendAsync(HttpMethod.Post, "/things", "application/hal+json", content);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await ProblemOf(response);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", problem.GetProperty("code").GetString());
        Assert.StartsWith("text/csv", problem.GetProperty("context").GetProperty("contentType").GetString());
    }
}
