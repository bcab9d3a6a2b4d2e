using System.Net;
using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>Users made the way an administrator makes them: through the participants' <c>add</c> template.</summary>
internal static class IdentityTestUsers
{
    public const string Password = "ann-password-1";

    /// <summary>Adds a user with <see cref="Password"/> and <paramref name="groups"/>; returns their participant resource.</summary>
    public static async Task<HalDocument> AddAsync(ServerFactory server, string id, params string[] groups)
    {
        var hal = server.Hal();
        var participants = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:participants");
        using var added = await hal.SubmitAsync(participants, "add", new { kind = "user", id, password = Password, groups = string.Join(", ", groups) });
        var body = await HalClient.ReadAsync(added);
        Assert.True(added.StatusCode == HttpStatusCode.Created, $"add → {(int)added.StatusCode}: {body}");
        return body;
    }
}
