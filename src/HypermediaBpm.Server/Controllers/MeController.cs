using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Controllers;

/// <summary><c>bpm:me</c> and <c>bpm:tokens</c>: the signed-in user, their password and their API tokens.</summary>
public sealed class MeController(IEngineStore store, ApiTokens tokens, UserAccounts accounts, TimeProvider clock, IOptions<SecurityOptions> options) : HypermediaController
{
    private string UserId => User.Identity!.Name!;

    [HttpGet("/me")]
    [HttpGet("/me.{format}")]
    public Resource Get() => IdentityResources.Me(User);

    /// <summary>The <c>change-password</c> template: the current password and a new one. Sessions elsewhere end.</summary>
    [HttpPost("/me/password")]
    public async Task<IActionResult> ChangePasswordAsync(CancellationToken cancellationToken)
    {
        RememberForm("change-password", _ => Task.FromResult(Get()));
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        await accounts.ChangeOwnPasswordAsync(UserId, values.Take("currentPassword") ?? string.Empty, values.Take("newPassword") ?? string.Empty, cancellationToken);

        // A cookie session carries the old stamp: sign in again with the new password.
        return ChangedResource(Get(), UserPrincipals.HasCookieSession(User) ? Uris.Login : Uris.Me);
    }

    [HttpGet("/me/tokens")]
    [HttpGet("/me/tokens.{format}")]
    public async Task<Resource> ListTokensAsync(CancellationToken cancellationToken) =>
        IdentityResources.Tokens(await store.GetApiTokensAsync(UserId, cancellationToken), clock.GetUtcNow(), options.Value.MaxTokenLifetime);

    /// <summary>The <c>create-token</c> template: <c>201</c>, and the body shows the secret this once.</summary>
    [HttpPost("/me/tokens")]
    public async Task<IActionResult> CreateTokenAsync(CancellationToken cancellationToken)
    {
        RememberForm("create-token", ListTokensAsync);
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var (token, secret) = await tokens.CreateAsync(UserId, values.Take("name"), values.Take("expiresIn"), cancellationToken);
        var resource = IdentityResources.Token(token, clock.GetUtcNow(), secret);

        // Even a browser gets the page itself, not a redirect: a redirect would lose the secret.
        Response.Headers.Location = resource.SelfHref;
        return new ObjectResult(resource) { StatusCode = StatusCodes.Status201Created };
    }

    [HttpGet("/me/tokens/{id}")]
    [HttpGet("/me/tokens/{id}.{format}")]
    public async Task<Resource> GetTokenAsync(string id, CancellationToken cancellationToken)
    {
        var token = (await store.GetApiTokensAsync(UserId, cancellationToken)).FirstOrDefault(t => t.Id == id) ?? throw TokenNotFound(id);
        return IdentityResources.Token(token, clock.GetUtcNow());
    }

    /// <summary>The <c>revoke</c> template: <c>204</c>; the next request with the token is <c>401</c>.</summary>
    [HttpDelete("/me/tokens/{id}")]
    public async Task<IActionResult> RevokeTokenAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.RevokeApiTokenAsync(UserId, id, clock.GetUtcNow(), cancellationToken))
        {
            throw TokenNotFound(id);
        }

        return NoContentOrRedirect(Uris.MyTokens);
    }

    private static NotFoundException TokenNotFound(string id) =>
        new(ProblemCodes.TokenNotFound, $"You have no token '{id}'.", new Dictionary<string, object?> { ["id"] = id });
}
