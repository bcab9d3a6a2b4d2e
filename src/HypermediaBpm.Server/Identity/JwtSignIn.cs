using System.Text.Json;
using HypermediaBpm.Engine.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// A JWT from the configured OpenID Connect provider, once its signature, issuer, audience and lifetime are
/// valid, becomes a user like any other: name from <see cref="SecurityOptions.JwtOptions.NameClaim"/> (or
/// <c>sub</c>), groups from <see cref="SecurityOptions.JwtOptions.GroupsClaim"/> (an array or a single value).
/// A user of that name disabled in this server's store is refused.
/// </summary>
public static class JwtSignIn
{
    public static async Task OnTokenValidatedAsync(TokenValidatedContext context, SecurityOptions.JwtOptions jwt)
    {
        var principal = context.Principal!;
        var name = principal.FindFirst(jwt.NameClaim)?.Value ?? principal.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(name))
        {
            context.Fail("The token names no user.");
            return;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<IEngineStore>();
        if (await store.GetUserAccountAsync(name, context.HttpContext.RequestAborted) is { Disabled: true })
        {
            context.Fail("The user is disabled.");
            return;
        }

        var groups = principal.FindAll(jwt.GroupsClaim).SelectMany(c => Values(c.Value)).ToList();
        context.Principal = UserPrincipals.Create(name, groups, AuthSchemes.Jwt);
    }

    /// <summary>A claim value that is a JSON array (as some providers write a list) gives each of its strings.</summary>
    private static IEnumerable<string> Values(string value)
    {
        if (!value.StartsWith('['))
        {
            return [value];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(value) ?? [];
        }
        catch (JsonException)
        {
            return [value];
        }
    }
}
