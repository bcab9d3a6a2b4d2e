using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:participants</c>: the users and groups that own work. Adding one makes it findable from the root with its
/// worklist and worklist feed; tasks name participants by id whether or not they are registered. A user added
/// with a password can sign in. Adding, removing and administering users is for <c>admins</c> only
/// (<c>403 FORBIDDEN</c> otherwise), and only admins see those templates.
/// </summary>
public sealed class ParticipantsController(ProcessEngine engine, UserAccounts accounts) : HypermediaController
{
    private bool IsAdmin => User.IsInRole(BuiltInGroups.Admins);

    /// <summary>The worklist feed is linked only for those who may read it.</summary>
    private bool MayReadWorklist(ParticipantRecord p) => Rights.MayReadWorklist(p.Kind, p.Id);

    [HttpGet("/participants")]
    [HttpGet("/participants.{format}")]
    public async Task<Resource> ListAsync([FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var result = await engine.Store.QueryParticipantsAsync(token.ToRequest(size), cancellationToken);
        var admin = IsAdmin;
        var r = CollectionResources.Page(ResourceKinds.ParticipantCollection, Uris.Participants, [("pageSize", pageSize?.ToString())], size, token, result,
            p => ParticipantResources.Participant(p, admin, mayReadWorklist: MayReadWorklist(p)), "Participants");
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        Variants.AddAlternates(r, "hal", "json");
        if (admin)
        {
            r.Templates.Add(ParticipantResources.AddTemplate());
        }

        return r;
    }

    /// <summary>The <c>add</c> template: <c>201</c> + <c>Location</c> of the participant. A user with a <c>password</c> can sign in.</summary>
    [HttpPost("/participants")]
    [Authorize(Policy = AuthenticationSetup.AdminsPolicy)]
    public async Task<IActionResult> AddAsync(CancellationToken cancellationToken)
    {
        RememberForm("add", ct => ListAsync(null, null, ct));
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var kind = values.Take("kind") ?? string.Empty;
        var id = values.Take("id") ?? string.Empty;
        var name = values.Take("name");
        var password = values.Take("password");
        var groups = UserAccounts.ParseGroups(GroupValues(values));
        ParticipantRecord participant;
        if (kind == ParticipantKinds.User && !string.IsNullOrEmpty(password))
        {
            participant = await accounts.AddUserAsync(id, name, password, groups, cancellationToken);
        }
        else
        {
            participant = await engine.AddParticipantAsync(kind, id, name, cancellationToken);
            if (kind == ParticipantKinds.User && groups.Count > 0)
            {
                await accounts.SetGroupsAsync(id, groups, cancellationToken);
            }
        }

        var resource = await ResourceOfAsync(participant, cancellationToken);
        return CreatedResource(resource.SelfHref, resource);
    }

    [HttpGet("/participants/{kinds:regex(^(users|groups)$)}/{id}")]
    [HttpGet("/participants/{kinds:regex(^(users|groups)$)}/{id}.{format}")]
    public async Task<Resource> GetAsync(string kinds, string id, CancellationToken cancellationToken) =>
        await ResourceOfAsync(await engine.GetParticipantAsync(Kind(kinds), id, cancellationToken), cancellationToken);

    /// <summary>The <c>remove</c> template: <c>204</c>; a form post is sent to the participant list.</summary>
    [HttpDelete("/participants/{kinds:regex(^(users|groups)$)}/{id}")]
    [Authorize(Policy = AuthenticationSetup.AdminsPolicy)]
    public async Task<IActionResult> RemoveAsync(string kinds, string id, [FromServices] BasicCredentialCache credentials, CancellationToken cancellationToken)
    {
        await engine.RemoveParticipantAsync(Kind(kinds), id, cancellationToken);
        credentials.ForgetUser(id);
        return NoContentOrRedirect(Uris.Participants);
    }

    /// <summary>The <c>reset-password</c> template: an administrator sets a user's password; their sessions end.</summary>
    [HttpPost("/participants/users/{id}/password")]
    [Authorize(Policy = AuthenticationSetup.AdminsPolicy)]
    public async Task<IActionResult> ResetPasswordAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("reset-password", ct => GetAsync("users", id, ct));
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        await accounts.ResetPasswordAsync(id, values.Take("password") ?? string.Empty, cancellationToken);
        return ChangedResource(await GetAsync("users", id, cancellationToken));
    }

    /// <summary>The <c>disable</c> template: the user's sessions, cached credentials and tokens stop on their next request.</summary>
    [HttpPost("/participants/users/{id}/disable")]
    [Authorize(Policy = AuthenticationSetup.AdminsPolicy)]
    public Task<IActionResult> DisableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, true, cancellationToken);

    [HttpPost("/participants/users/{id}/enable")]
    [Authorize(Policy = AuthenticationSetup.AdminsPolicy)]
    public Task<IActionResult> EnableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, false, cancellationToken);

    /// <summary>The <c>set-groups</c> template: <c>PUT</c> the user's groups (comma-separated); unknown groups are registered.</summary>
    [HttpPut("/participants/users/{id}/groups")]
    [Authorize(Policy = AuthenticationSetup.AdminsPolicy)]
    public async Task<IActionResult> SetGroupsAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("set-groups", ct => GetAsync("users", id, ct));
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        await accounts.SetGroupsAsync(id, UserAccounts.ParseGroups(GroupValues(values)), cancellationToken);
        return ChangedResource(await GetAsync("users", id, cancellationToken));
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        await accounts.SetDisabledAsync(id, disabled, cancellationToken);
        return ChangedResource(await GetAsync("users", id, cancellationToken));
    }

    private async Task<Resource> ResourceOfAsync(ParticipantRecord participant, CancellationToken cancellationToken) =>
        participant.Kind == ParticipantKinds.User
            ? ParticipantResources.Participant(participant, IsAdmin, await engine.Store.GetUserAccountAsync(participant.Id, cancellationToken), mayReadWorklist: MayReadWorklist(participant))
            : ParticipantResources.Participant(participant, IsAdmin, members: await engine.Store.GetGroupMembersAsync(participant.Id, cancellationToken), mayReadWorklist: MayReadWorklist(participant));

    /// <summary>Groups as a JSON array, or one or more form values.</summary>
    private static IEnumerable<string?> GroupValues(RequestValues values) =>
        values.Values.GetValueOrDefault("groups") switch
        {
            null => [],
            string s => [s],
            IEnumerable<object?> list => list.Select(v => v?.ToString()),
            var other => [other.ToString()],
        };

    private static string Kind(string kinds) => kinds == "users" ? ParticipantKinds.User : ParticipantKinds.Group;
}
