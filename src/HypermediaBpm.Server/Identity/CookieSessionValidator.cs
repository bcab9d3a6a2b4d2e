using HypermediaBpm.Engine.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Checks a session cookie against the store on every request: a user who is gone, disabled or has a new
/// security stamp (password changed) is signed out at once; otherwise the claims are made afresh from the store,
/// so group changes show on the next request.
/// </summary>
public sealed class CookieSessionValidator(IEngineStore store) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirst(UserPrincipals.StampClaim)?.Value;
        var account = name is null ? null : await store.GetUserAccountAsync(name, context.HttpContext.RequestAborted);
        if (account is not { Disabled: false } || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        context.ReplacePrincipal(UserPrincipals.Create(account, AuthSchemes.Cookie));
    }

    /// <summary>Answers are written by <see cref="SignInResultHandler"/>; the cookie handler never redirects on its own.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
