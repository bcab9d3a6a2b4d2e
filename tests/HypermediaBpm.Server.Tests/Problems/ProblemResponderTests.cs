using HypermediaBpm.Server.Problems;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Problems;

public sealed class ProblemResponderTests
{
    /// <summary>Stands in for the HTML problem page that will come with the HTML representation.</summary>
    private sealed class FakeHtmlProblemFormatter : IProblemFormatter
    {
        public IReadOnlyList<string> AcceptedMediaTypes { get; } = ["text/html"];

        public string ContentType => "text/html; charset=utf-8";

        public Task WriteAsync(HttpContext context, ProblemDocument problem, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static HttpRequest Request(string? accept)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }

    [Theory]
    [InlineData(null, typeof(ProblemJsonFormatter))]
    [InlineData("*/*", typeof(ProblemJsonFormatter))]
    [InlineData("application/hal+json", typeof(ProblemJsonFormatter))]
    [InlineData("image/png", typeof(ProblemJsonFormatter))]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", typeof(FakeHtmlProblemFormatter))]
    [InlineData("application/json, text/html;q=0.5", typeof(ProblemJsonFormatter))]
    [InlineData("application/json;q=0.5, text/html", typeof(FakeHtmlProblemFormatter))]
    public void Select_Accept_PicksExplicitlyNamedFormatterElseProblemJson(string? accept, Type expected)
    {
        // Arrange
        var responder = new ProblemResponder([new ProblemJsonFormatter(), new FakeHtmlProblemFormatter()]);

        // Act
        var formatter = responder.Select(Request(accept));

        // Assert
        Assert.IsType(expected, formatter);
    }

    [Fact]
    public async Task WriteAsync_Problem_SetsStatusTypeAndInstance()
    {
        // Arrange
        var context = new DefaultHttpContext();
        context.Request.Path = "/tasks/1";
        context.Response.Body = new MemoryStream();
        var problem = new ProblemDocument(404, "TASK_NOT_FOUND", "No task.");
        var responder = new ProblemResponder([new ProblemJsonFormatter()]);

        // Act
        await responder.WriteAsync(context, problem);

        // Assert
        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal("/tasks/1", problem.Instance);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.True(context.Response.Body.Length > 0);
    }
}
