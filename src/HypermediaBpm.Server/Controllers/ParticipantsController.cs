using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:participants</c>: the users and groups that own work. Adding one makes it findable from the root with its
/// worklist and worklist feed; tasks name participants by id whether or not they are registered.
/// </summary>
public sealed class ParticipantsController(ProcessEngine engine) : HypermediaController
{
    [HttpGet("/participants")]
    [HttpGet("/participants.{format}")]
    public async Task<Resource> ListAsync([FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var token = PageOf(page);
        var size = PageSize(pageSize);
        var result = await engine.Store.QueryParticipantsAsync(token.ToRequest(size), cancellationToken);
        var r = CollectionResources.Page(ResourceKinds.ParticipantCollection, Uris.Participants, [("pageSize", pageSize?.ToString())], size, token, result,
            ParticipantResources.Participant, "Participants");
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        Variants.AddAlternates(r, "hal", "json");
        r.Templates.Add(ParticipantResources.AddTemplate());
        return r;
    }

    /// <summary>The <c>add</c> template: <c>201</c> + <c>Location</c> of the participant.</summary>
    [HttpPost("/participants")]
    public async Task<IActionResult> AddAsync(CancellationToken cancellationToken)
    {
        RememberForm("add", ct => ListAsync(null, null, ct));
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var participant = await engine.AddParticipantAsync(values.Take("kind") ?? string.Empty, values.Take("id") ?? string.Empty, values.Take("name"), cancellationToken);
        var resource = ParticipantResources.Participant(participant);
        return CreatedResource(resource.SelfHref, resource);
    }

    [HttpGet("/participants/{kinds:regex(^(users|groups)$)}/{id}")]
    [HttpGet("/participants/{kinds:regex(^(users|groups)$)}/{id}.{format}")]
    public async Task<Resource> GetAsync(string kinds, string id, CancellationToken cancellationToken) =>
        ParticipantResources.Participant(await engine.GetParticipantAsync(Kind(kinds), id, cancellationToken));

    /// <summary>The <c>remove</c> template: <c>204</c>; a form post is sent to the participant list.</summary>
    [HttpDelete("/participants/{kinds:regex(^(users|groups)$)}/{id}")]
    public async Task<IActionResult> RemoveAsync(string kinds, string id, CancellationToken cancellationToken)
    {
        await engine.RemoveParticipantAsync(Kind(kinds), id, cancellationToken);
        return NoContentOrRedirect(Uris.Participants);
    }

    private static string Kind(string kinds) => kinds == "users" ? ParticipantKinds.User : ParticipantKinds.Group;
}
