using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>HTTP Basic and API tokens through the real pipeline and a real SQLite file.</summary>
public sealed class BasicAndTokenTests : IDisposable
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly ServerFactory _server;

    public BasicAndTokenTests() => _server = new ServerFactory(clock: _clock);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Basic_RightPassword_200_AndMeSaysWhoAndWhichGroups()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann", "managers", "sales");
        var hal = _server.HalAs("ann", IdentityTestUsers.Password);

        // Act
        var me = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:me");

        // Assert
        Assert.Equal("ann", me.String("name"));
        Assert.Equal(["managers", "sales"], me.Property("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("/tasks?assignee=ann", me.Link("bpm:tasks"));
        Assert.Equal("/me/tokens", me.Link("bpm:tokens"));
        Assert.Contains("/feeds/worklist?user=ann", me.Links("bpm:feed"));
        Assert.Empty(me.Links("bpm:logout"));
    }

    [Fact]
    public async Task Basic_UserDisabledByAnotherServerProcess_RefusedOnceTheCachedAccountIsRecheckedASecondLater()
    {
        // Arrange: ann's credential is verified and cached; then the store is changed as another server process would
        // change it (straight in the store, not through this server's commands).
        await IdentityTestUsers.AddAsync(_server, "ann");
        var ann = _server.ClientAs("ann", IdentityTestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/tasks")).StatusCode);
        var store = _server.Services.GetRequiredService<HypermediaBpm.Engine.Persistence.IEngineStore>();
        Assert.True(await store.SetUserDisabledAsync("ann", true, "stamp-from-another-process", CancellationToken.None));

        // Act
        var withinTheSecond = (await ann.GetAsync("/tasks")).StatusCode;
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterIt = (await ann.GetAsync("/tasks")).StatusCode;

        // Assert
        Assert.Equal(HttpStatusCode.OK, withinTheSecond);
        Assert.Equal(HttpStatusCode.Unauthorized, afterIt);
    }

    [Fact]
    public async Task Basic_WrongPasswordOrUnknownUser_SameAnswer401()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann");

        // Act
        var wrong = await ProblemOfAsync(_server.ClientAs("ann", "not-her-password"));
        var unknown = await ProblemOfAsync(_server.ClientAs("nobody", "not-her-password"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal((wrong.Status, wrong.Code, wrong.Detail, wrong.Challenge), (unknown.Status, unknown.Code, unknown.Detail, unknown.Challenge));
        Assert.Equal("CREDENTIALS_INVALID", wrong.Code);
    }

    [Fact]
    public async Task Basic_TenWrongPasswords_429WithRetryAfter_EvenForTheRightOneThen()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await ProblemOfAsync(_server.ClientAs("ann", "guess-" + i))).Status);
        }

        // Act
        var throttled = await ProblemOfAsync(_server.ClientAs("ann", IdentityTestUsers.Password));
        _clock.Advance(TimeSpan.FromMinutes(6));
        using var later = await _server.ClientAs("ann", IdentityTestUsers.Password).GetAsync("/me");

        // Assert
        Assert.Equal((HttpStatusCode)429, throttled.Status);
        Assert.Equal("TOO_MANY_SIGN_IN_FAILURES", throttled.Code);
        Assert.InRange(throttled.RetryAfter ?? 0, 1, 300);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Token_CreatedUsedRevoked_SecretShownOnce_ThenBearer401()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann");
        var hal = _server.HalAs("ann", IdentityTestUsers.Password);
        var tokens = await hal.FollowAsync(await hal.FollowAsync(await hal.GetAsync("/"), "bpm:me"), "bpm:tokens");

        // Act
        using var created = await hal.SubmitAsync(tokens, "create-token", new { name = "ci", expiresIn = "P30D" });
        var token = await HalClient.ReadAsync(created);
        var secret = token.String("secret");
        using var bearer = _server.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var meWithToken = await new HalClient(bearer).GetAsync("/me");
        var listed = await hal.GetAsync("/me/tokens");
        var shown = await hal.GetAsync(token.Self);
        using var revoked = await hal.SubmitAsync(shown, "revoke");
        using var afterRevoke = await bearer.GetAsync("/me");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(token.Self, created.Headers.Location?.OriginalString);
        Assert.StartsWith("hbpm_", secret, StringComparison.Ordinal);
        Assert.Equal("ann", meWithToken.String("name"));
        Assert.Equal(["ci"], listed.Embedded("item").Select(t => t.String("name")));
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
        Assert.False(shown.Root.TryGetProperty("secret", out _));
        Assert.NotEqual(JsonValueKind.Null, shown.Property("lastUsedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Empty((await hal.GetAsync("/me/tokens")).Embedded("item"));
    }

    [Fact]
    public async Task Token_PastItsExpiry_401()
    {
        // Arrange
        var hal = _server.Hal();
        using var created = await hal.SubmitAsync(await hal.GetAsync("/me/tokens"), "create-token", new { name = "short", expiresIn = "PT1H" });
        var secret = (await HalClient.ReadAsync(created)).String("secret");
        using var bearer = _server.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var before = await bearer.GetAsync("/me");

        // Act
        _clock.Advance(TimeSpan.FromMinutes(61));
        using var after = await bearer.GetAsync("/me");

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("P2Y")]
    [InlineData("P0D")]
    [InlineData("soon")]
    public async Task Token_ExpiresInOutOfBounds_422(string expiresIn)
    {
        // Arrange
        var hal = _server.Hal();

        // Act
        using var created = await hal.SubmitAsync(await hal.GetAsync("/me/tokens"), "create-token", new { name = "x", expiresIn });

        // Assert
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
    }

    [Fact]
    public async Task Token_UnknownSecret_401CredentialsInvalid()
    {
        // Arrange
        using var bearer = _server.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "hbpm_made-up");

        // Act
        var problem = await ProblemOfAsync(bearer);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, problem.Status);
        Assert.Equal("CREDENTIALS_INVALID", problem.Code);
    }

    private static async Task<(HttpStatusCode Status, string? Code, string? Detail, string Challenge, int? RetryAfter)> ProblemOfAsync(HttpClient client)
    {
        using (client)
        {
            using var response = await client.GetAsync("/processes");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, body.RootElement.GetProperty("code").GetString(), body.RootElement.GetProperty("detail").GetString(),
                string.Join(", ", response.Headers.WwwAuthenticate), (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
        }
    }
}
