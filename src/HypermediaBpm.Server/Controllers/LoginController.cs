using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations.Html;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:login</c> and <c>bpm:logout</c>: the JavaScript-free sign-in page. A good user name and password start a
/// cookie session and send the browser back where it was going (a local path only) with <c>303</c>; a wrong one
/// shows the form again with the error, status <c>401</c> (after too many, <c>429</c> with <c>Retry-After</c>).
/// </summary>
[AllowAnonymous]
public sealed class LoginController(PasswordSignIn signIn, ProblemResponder responder) : HypermediaController
{
    [HttpGet("/login")]
    [HttpGet("/login.{format}")]
    public Resource Get([FromQuery] string? returnUrl) => IdentityResources.LoginPage(returnUrl);

    [HttpPost("/login")]
    public async Task<IActionResult> PostAsync(CancellationToken cancellationToken)
    {
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var userName = values.Take("username")?.Trim() ?? string.Empty;
        var password = values.Take("password") ?? string.Empty;
        var returnUrl = LoginPage.LocalOrRoot(values.Take("returnUrl"));
        var outcome = await signIn.CheckAsync(userName, password, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (outcome.Account is { } account)
        {
            await HttpContext.SignInAsync(AuthSchemes.Cookie, UserPrincipals.Create(account, AuthSchemes.Cookie));
            Response.Headers.Location = returnUrl;
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        // The form comes back with what was typed (never the password) and the error.
        HttpContext.Features.Set(new SubmittedForm("login", _ => Task.FromResult(IdentityResources.LoginPage(returnUrl, userName))));
        ProblemDocument problem;
        if (outcome.RetryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            problem = new ProblemDocument(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManySignInFailures,
                $"Too many failed sign-ins; try again in {seconds} seconds.", new Dictionary<string, object?> { ["retryAfter"] = seconds });
        }
        else
        {
            Response.Headers.WWWAuthenticate = AuthSchemes.Challenge;
            problem = new ProblemDocument(StatusCodes.Status401Unauthorized, ProblemCodes.CredentialsInvalid,
                "The user name or password is wrong.", new Dictionary<string, object?> { ["login"] = Uris.Login });
        }

        await responder.WriteAsync(HttpContext, problem);
        return new EmptyResult();
    }

    /// <summary>Ends the cookie session (whether or not there was one) and sends the browser to the login page.</summary>
    [HttpPost("/logout")]
    public async Task<IActionResult> LogoutAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Cookie);
        Response.Headers.Location = Uris.Login;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
