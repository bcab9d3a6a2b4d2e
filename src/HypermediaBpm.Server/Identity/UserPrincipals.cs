using System.Security.Claims;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// The one place a signed-in user becomes a <see cref="ClaimsPrincipal"/>, whatever the scheme: the name
/// (<see cref="ClaimTypes.Name"/> and <see cref="ClaimTypes.NameIdentifier"/>) and one <see cref="ClaimTypes.Role"/>
/// per group, so <c>User.Identity.Name</c> and <c>User.IsInRole("admins")</c> are all the rest of the server asks.
/// </summary>
public static class UserPrincipals
{
    /// <summary>The user's security stamp when signed in with a cookie: the session ends when it changes.</summary>
    public const string StampClaim = "hbpm:stamp";

    public static ClaimsPrincipal Create(UserAccount account, string scheme) =>
        Create(account.Id, account.Groups, scheme, new Claim(StampClaim, account.SecurityStamp));

    public static ClaimsPrincipal Create(string name, IEnumerable<string> groups, string scheme, params Claim[] extra)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, name));
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var group in groups.Distinct(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, group));
        }

        identity.AddClaims(extra);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The user's groups, as the claims carry them.</summary>
    public static IReadOnlyList<string> GroupsOf(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    /// <summary>True when the user signed in with the session cookie (only then is there something to sign out of).</summary>
    public static bool HasCookieSession(ClaimsPrincipal user) => user.Identity?.AuthenticationType == AuthSchemes.Cookie;
}
