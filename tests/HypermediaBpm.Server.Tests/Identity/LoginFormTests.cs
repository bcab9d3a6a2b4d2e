using System.Net;
using AngleSharp.Dom;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>The JavaScript-free login page: Post/Redirect/Get, local return addresses only, the session cookie, sign-out.</summary>
public sealed class LoginFormTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Login_RightPassword_303ToReturnUrl_CookieSessionThenLogout()
    {
        // Arrange
        var browser = new HtmlClient(_server, signedIn: false);
        var login = await browser.PageAsync("/login?returnUrl=%2Ftasks%3Fstate%3Dopen");

        // Act
        using var signedIn = await browser.SubmitAsync(login, "form[name=login]",
            new Dictionary<string, string> { ["username"] = ServerFactory.AdminUser, ["password"] = ServerFactory.AdminPassword });
        var root = await browser.PageAsync("/");
        using var loggedOut = await browser.SubmitAsync(root, "form[name=logout]");
        using var afterLogout = await browser.Http.GetAsync("/tasks");

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/tasks?state=open", HtmlClient.Location(signedIn));
        var cookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("hbpm-session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(root.QuerySelector("a[rel='bpm:me']"));
        Assert.Null(root.QuerySelector("a[rel='bpm:login']"));
        Assert.Equal(HttpStatusCode.SeeOther, loggedOut.StatusCode);
        Assert.Equal("/login", HtmlClient.Location(loggedOut));
        Assert.Equal(HttpStatusCode.SeeOther, afterLogout.StatusCode);
        Assert.StartsWith("/login", HtmlClient.Location(afterLogout), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task Login_ForeignReturnUrl_IsIgnored_303ToRoot(string returnUrl)
    {
        // Arrange
        var browser = new HtmlClient(_server, signedIn: false);
        var login = await browser.PageAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        // Act
        using var signedIn = await browser.SubmitAsync(login, "form[name=login]",
            new Dictionary<string, string> { ["username"] = ServerFactory.AdminUser, ["password"] = ServerFactory.AdminPassword, ["returnUrl"] = returnUrl });

        // Assert
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/", HtmlClient.Location(signedIn));
    }

    [Fact]
    public async Task Login_WrongPassword_401FormAgainWithError_TenTimes429WithRetryAfter()
    {
        // Arrange
        var browser = new HtmlClient(_server, signedIn: false);
        var login = await browser.PageAsync("/login");

        // Act
        using var wrong = await browser.SubmitAsync(login, "form[name=login]",
            new Dictionary<string, string> { ["username"] = ServerFactory.AdminUser, ["password"] = "guess-0" });
        var again = await HtmlClient.ParseAsync(wrong);
        for (var i = 1; i < 10; i++)
        {
            using var guess = await browser.SubmitAsync(again, "form[name=login]",
                new Dictionary<string, string> { ["username"] = ServerFactory.AdminUser, ["password"] = "guess-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var throttled = await browser.SubmitAsync(again, "form[name=login]",
            new Dictionary<string, string> { ["username"] = ServerFactory.AdminUser, ["password"] = ServerFactory.AdminPassword });

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.NotNull(again.QuerySelector("form[name=login]"));
        Assert.Contains("wrong", HtmlClient.TextOf(again.QuerySelector("form[name=login] .error")), StringComparison.Ordinal);
        Assert.Equal(string.Empty, again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("form[name=login] input[name=password]")!.Value);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.False(throttled.Headers.Contains("Set-Cookie") && throttled.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("hbpm-session=", StringComparison.Ordinal)));
    }
}
