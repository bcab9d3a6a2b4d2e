using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Html;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>Users administered by admins: disable stops every way of signing in at once; non-admins cannot administer.</summary>
public sealed class UserAdministrationTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task DisabledUser_BasicCookieAndToken_StopOnTheNextRequest_AndWorkAgainWhenEnabled()
    {
        // Arrange: ann signed in three ways.
        var user = await IdentityTestUsers.AddAsync(_server, "ann", "managers");
        var basic = _server.ClientAs("ann", IdentityTestUsers.Password);
        var browser = new HtmlClient(_server, signedIn: false);
        var login = await browser.PageAsync("/login");
        using var signedIn = await browser.SubmitAsync(login, "form[name=login]", new Dictionary<string, string> { ["username"] = "ann", ["password"] = IdentityTestUsers.Password });
        using var created = await new HalClient(basic).SubmitAsync(await new HalClient(basic).GetAsync("/me/tokens"), "create-token", new { name = "ci", expiresIn = "P1D" });
        var bearer = _server.AnonymousClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await HalClient.ReadAsync(created)).String("secret"));
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/me")).StatusCode);

        // Act
        using var disabled = await _server.Hal().SubmitAsync(user, "disable");
        var afterDisable = (await basic.GetAsync("/me"), await browser.Http.GetAsync("/me"), await bearer.GetAsync("/me"));
        var enable = await _server.Hal().GetAsync(user.Self);
        using var enabled = await _server.Hal().SubmitAsync(enable, "enable");

        // Assert
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await HalClient.ReadAsync(disabled)).Property("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.Item1.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, afterDisable.Item2.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.Item3.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task NonAdmin_CannotAddUsersOrChangeGroups_403RequiredAdmins_AndSeesNoSuchTemplates()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "bob", "sales");
        var bob = _server.HalAs("bob", IdentityTestUsers.Password);
        var participants = await bob.GetAsync("/participants");
        var himself = await bob.GetAsync("/participants/users/bob");

        // Act
        using var add = await bob.Http.PostAsync("/participants", Json(new { kind = "user", id = "mallory", password = "mallory-password", groups = "admins" }));
        using var groups = await bob.Http.PutAsync("/participants/users/bob/groups", Json(new { groups = "admins" }));
        using var reset = await bob.Http.PostAsync("/participants/users/admin/password", Json(new { password = "taken-over-1" }));

        // Assert
        foreach (var response in new[] { add, groups, reset })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("FORBIDDEN", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal("admins", problem.RootElement.GetProperty("context").GetProperty("required").GetString());
        }

        Assert.False(participants.HasTemplate("add"));
        Assert.Empty(himself.TemplateNames);
        var account = await _server.Hal().GetAsync("/participants/users/bob");
        Assert.Equal(["sales"], account.Property("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.ClientAs("mallory", "mallory-password").GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Admin_SetsGroupsAndResetsPassword_UserChangesOwnPassword()
    {
        // Arrange
        var user = await IdentityTestUsers.AddAsync(_server, "ann", "sales");
        var admin = _server.Hal();

        // Act
        using var regrouped = await admin.SubmitAsync(user, "set-groups", new { groups = "managers, operators" });
        using var reset = await admin.SubmitAsync(await admin.GetAsync(user.Self), "reset-password", new { password = "reset-password-2" });
        var oldPassword = await _server.ClientAs("ann", IdentityTestUsers.Password).GetAsync("/me");
        var ann = _server.HalAs("ann", "reset-password-2");
        var me = await ann.GetAsync("/me");
        using var wrongCurrent = await ann.SubmitAsync(me, "change-password", new { currentPassword = "nope-nope-nope", newPassword = "own-password-3" });
        using var changed = await ann.SubmitAsync(me, "change-password", new { currentPassword = "reset-password-2", newPassword = "own-password-3" });

        // Assert
        Assert.Equal(HttpStatusCode.OK, regrouped.StatusCode);
        Assert.Equal(["managers", "operators"], me.Property("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ann.Http.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.ClientAs("ann", "own-password-3").GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Issue18_CachedBasicCredential_GroupsChanged_NextRequestHasTheNewRights()
    {
        // Arrange: ann's Basic credential is verified and cached (with its principal) while she is in sales.
        var user = await IdentityTestUsers.AddAsync(_server, "ann", "sales");
        var ann = _server.HalAs("ann", IdentityTestUsers.Password);
        var before = await ann.GetAsync("/");
        using var operationsBefore = await ann.Http.GetAsync("/operations");

        // Act: the administrator makes her an operator; she sends the same header again.
        using var regrouped = await _server.Hal().SubmitAsync(user, "set-groups", new { groups = "operators" });
        var after = await ann.GetAsync("/");
        var me = await ann.GetAsync("/me");
        using var operationsAfter = await ann.Http.GetAsync("/operations");

        // Assert
        Assert.Equal(HttpStatusCode.OK, regrouped.StatusCode);
        Assert.Empty(before.Links("bpm:batches"));
        Assert.Equal(HttpStatusCode.Forbidden, operationsBefore.StatusCode);
        Assert.Single(after.Links("bpm:batches"));
        Assert.Equal(["operators"], me.Property("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.OK, operationsAfter.StatusCode);
    }

    [Fact]
    public async Task Issue18_CachedBasicCredential_GroupsTakenAway_NextRequestRefused()
    {
        // Arrange: ann's Basic credential is verified and cached (with its principal) while she is an operator.
        var user = await IdentityTestUsers.AddAsync(_server, "ann", "operators");
        var ann = _server.HalAs("ann", IdentityTestUsers.Password);
        using var operationsBefore = await ann.Http.GetAsync("/operations");

        // Act: the administrator moves her to sales; she sends the same header again.
        using var regrouped = await _server.Hal().SubmitAsync(user, "set-groups", new { groups = "sales" });
        using var operationsAfter = await ann.Http.GetAsync("/operations");
        var home = await ann.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.OK, operationsBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, regrouped.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operationsAfter.StatusCode);
        Assert.Empty(home.Links("bpm:batches"));
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
