using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using HypermediaBpm.Engine.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// HTTP Basic (RFC 7617) over the user store. A credential verified in the last few seconds is not hashed again
/// and its user not read again for a second (<see cref="BasicCredentialCache"/>); disabling a user or changing their
/// password through this server takes effect on the next request, through another server process within that second.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IEngineStore store,
    PasswordSignIn signIn,
    BasicCredentialCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = BasicCredentialCache.KeyOf(header.Parameter ?? string.Empty);
        if (cache.Find(key) is { } known)
        {
            if (!known.Recheck)
            {
                return Success(known.Principal);
            }

            var account = await store.GetUserAccountAsync(known.Account.Id, Context.RequestAborted);
            if (account is { Disabled: false } && account.SecurityStamp == known.Account.SecurityStamp)
            {
                cache.Remember(key, account, passwordVerified: false);
                return Success(account);
            }

            cache.Forget(key);
        }

        if (!TryDecode(header.Parameter, out var user, out var password))
        {
            return Refuse(null, "The Basic credentials are not base64 'user:password'.");
        }

        var address = Context.Connection.RemoteIpAddress?.ToString();
        var outcome = await cache.VerifyOnceAsync(key, () => signIn.CheckAsync(user, password, address, Context.RequestAborted), Context.RequestAborted)
            ?? await signIn.CheckAsync(user, password, address, Context.RequestAborted);
        if (outcome.Account is not { } signedIn)
        {
            return Refuse(outcome.RetryAfter, "The user name or password is wrong.");
        }

        cache.Remember(key, signedIn, passwordVerified: true);
        return Success(signedIn);
    }

    private static AuthenticateResult Success(UserAccount account) => Success(UserPrincipals.Create(account, AuthSchemes.Basic));

    private static AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemes.Basic));

    private AuthenticateResult Refuse(TimeSpan? retryAfter, string why)
    {
        Context.Features.Set(new SignInFailure(retryAfter));
        return AuthenticateResult.Fail(why);
    }

    private static bool TryDecode(string? parameter, out string user, out string password)
    {
        user = password = string.Empty;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? string.Empty));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            (user, password) = (text[..colon], text[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
