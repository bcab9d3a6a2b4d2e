using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Server.Representations;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Representations;

public sealed class PreconditionsTests
{
    private static HttpRequest Request(string method = "PUT", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = "/tasks/1";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    [Theory]
    [InlineData("7", MediaTypes.Hal, "\"7-hal\"")]
    [InlineData("abc-def.live", MediaTypes.HalForms, "\"abc-def.live-forms\"")]
    [InlineData("7", "application/json; charset=utf-8", "\"7-json\"")]
    public void ETagFor_RevisionAndMediaType_IsQuotedRevisionDashTag(string revision, string mediaType, string expected)
    {
        // Act / Assert
        Assert.Equal(expected, Preconditions.ETagFor(revision, mediaType));
    }

    [Theory]
    [InlineData("\"7-hal\"", "7")]
    [InlineData("\"abc-def.live-forms\"", "abc-def.live")]
    [InlineData("W/\"7-json\"", "7")]
    [InlineData("\"7\"", "7")]
    public void RevisionOf_Tag_IsPartBeforeLastDash(string tag, string expected)
    {
        // Act / Assert
        Assert.Equal(expected, Preconditions.RevisionOf(tag));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    [InlineData("\"7-hal\"")]
    [InlineData("\"7-json\"")]
    [InlineData("\"7\"")]
    [InlineData("\"3-hal\", \"7-svg\"")]
    public void CheckIfMatch_AbsentAnyOrCurrent_Passes(string? ifMatch)
    {
        // Arrange
        var request = ifMatch is null ? Request() : Request("PUT", ("If-Match", ifMatch));

        // Act / Assert (no exception)
        Preconditions.CheckIfMatch(request, "7");
    }

    [Theory]
    [InlineData("\"6-hal\"")]
    [InlineData("W/\"7-hal\"")]
    [InlineData("not-a-tag")]
    [InlineData("\"77-hal\"")]
    public void CheckIfMatch_StaleWeakOrMalformed_ThrowsPreconditionFailed(string ifMatch)
    {
        // Arrange
        var request = Request("PUT", ("If-Match", ifMatch));

        // Act
        var exception = Assert.Throws<PreconditionFailedException>(() => Preconditions.CheckIfMatch(request, "7"));

        // Assert
        Assert.Equal("PRECONDITION_FAILED", exception.Code);
        Assert.Equal("7", exception.Context["revision"]);
    }

    [Theory]
    [InlineData("\"7-hal\"", true)]
    [InlineData("W/\"7-hal\"", true)]
    [InlineData("*", true)]
    [InlineData("\"7-json\"", false)]
    public void IsNotModified_IfNoneMatch_ComparesWeakly(string ifNoneMatch, bool expected)
    {
        // Arrange
        var request = Request("GET", ("If-None-Match", ifNoneMatch));

        // Act / Assert
        Assert.Equal(expected, Preconditions.IsNotModified(request, "\"7-hal\"", null));
    }

    [Fact]
    public void IsNotModified_UnsafeMethod_IsFalse()
    {
        // Arrange
        var request = Request("POST", ("If-None-Match", "*"));

        // Act / Assert
        Assert.False(Preconditions.IsNotModified(request, "\"7-hal\"", null));
    }

    [Fact]
    public void IsNotModified_IfModifiedSinceWithinSameSecond_IsTrue()
    {
        // Arrange: HTTP dates have whole seconds; the resource changed 6 ms into that second.
        var modified = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var request = Request("GET", ("If-Modified-Since", "Wed, 02 Jan 2030 03:04:05 GMT"));

        // Act / Assert
        Assert.True(Preconditions.IsNotModified(request, null, modified));
        Assert.False(Preconditions.IsNotModified(request, null, modified.AddSeconds(1)));
    }
}
