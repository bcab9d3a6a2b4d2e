using System.Globalization;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// The answers to a request authorization refused, in one place (contract §9): a browser asking for a page is
/// sent to the login page (<c>303</c>, with where it was going); anyone else gets a <c>401</c> problem with
/// <c>WWW-Authenticate</c> and a <c>bpm:login</c> link — <c>AUTHENTICATION_REQUIRED</c> without credentials,
/// <c>CREDENTIALS_INVALID</c> with wrong ones, <c>429</c> and <c>Retry-After</c> after too many failures. A signed-in
/// user without the right gets <c>403 FORBIDDEN</c> naming what is required.
/// </summary>
public sealed class SignInResultHandler(ProblemResponder responder) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            return ChallengeAsync(context);
        }

        if (authorizeResult.Forbidden)
        {
            var required = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles).Distinct().ToList() ?? [];
            return responder.WriteAsync(context, new ProblemDocument(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                $"'{context.User.Identity?.Name}' may not do this" + (required.Count > 0 ? $": it needs membership of {string.Join(" or ", required)}." : "."),
                new Dictionary<string, object?> { ["required"] = string.Join(",", required) }));
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private Task ChallengeAsync(HttpContext context)
    {
        var failure = context.Features.Get<SignInFailure>();
        if (failure?.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return responder.WriteAsync(context, new ProblemDocument(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManySignInFailures,
                "Too many failed sign-ins; try again later.", new Dictionary<string, object?> { ["retryAfter"] = (int)Math.Ceiling(wait.TotalSeconds) }));
        }

        var request = context.Request;
        if (failure is null && BrowserRequests.PrefersHtml(request))
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = LoginPage.Href(request.PathBase + request.Path + request.QueryString);
            return Task.CompletedTask;
        }

        context.Response.Headers.WWWAuthenticate = AuthSchemes.Challenge;
        context.Response.Headers.Append("Link", LinkHeader.Format(new Link(Rels.Login, Uris.Login)));
        return responder.WriteAsync(context, failure is null
            ? new ProblemDocument(StatusCodes.Status401Unauthorized, ProblemCodes.AuthenticationRequired,
                "Sign in first: HTTP Basic, a Bearer token, or the login page.", new Dictionary<string, object?> { ["login"] = Uris.Login })
            : new ProblemDocument(StatusCodes.Status401Unauthorized, ProblemCodes.CredentialsInvalid,
                "The credentials were not accepted (wrong user name or password, or a token that is unknown, revoked or expired).",
                new Dictionary<string, object?> { ["login"] = Uris.Login }));
    }
}
