using System.Globalization;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using HypermediaBpm.Server.Tcc;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:reservations</c>: the try-confirm/cancel participant. <c>reserve</c> makes a tentative start and answers
/// the protocol's participant link; <c>PUT</c> on it confirms (the instance starts), <c>DELETE</c> cancels.
/// </summary>
public sealed class ReservationsController(ProcessEngine engine, IOptions<TccOptions> options, TimeProvider clock) : HypermediaController
{
    /// <summary>The <c>reserve</c> template: <c>201</c> + <c>Location</c> of the reservation, body the participant link.</summary>
    [HttpPost("/processes/{key}/reservations")]
    public async Task<IActionResult> ReserveAsync(string key, [FromQuery] int? version, CancellationToken cancellationToken)
    {
        RememberForm("reserve", ct => ListAsync(key, null, null, ct));
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var businessKey = values.Take("businessKey");
        var ttl = Ttl(values.Take("ttl"));
        var definition = version is { } v ? await engine.GetDefinitionVersionAsync(key, v, cancellationToken) : await engine.GetLatestDefinitionAsync(key, cancellationToken);
        var rights = Rights;
        rights.Demand(rights.MayStart((await engine.GetDeployedAsync(definition.Id, cancellationToken)).Process), Identity.Permissions.StarterRule, "reserve a start of this process");
        string? definitionId = version is null ? null : definition.Id;
        var reservation = await engine.ReserveAsync(key, definitionId, businessKey, values.Variables, values.FromHtmlForm, ttl, cancellationToken);
        return CreatedResource(Uris.Reservation(reservation.Id), ReservationResources.ParticipantLink(reservation, Absolute(reservation.Id)));
    }

    [HttpGet("/processes/{key}/reservations")]
    [HttpGet("/processes/{key}/reservations.{format}")]
    public async Task<Resource> ListAsync(string key, [FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var latest = await engine.GetLatestDefinitionAsync(key, cancellationToken);
        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var result = await engine.Store.QueryReservationsAsync(new ReservationQuery(token.ToRequest(size), key), cancellationToken);
        var now = clock.GetUtcNow();
        var r = CollectionResources.Page(ResourceKinds.ReservationCollection, Uris.ProcessReservations(key), [("pageSize", pageSize?.ToString(CultureInfo.InvariantCulture))],
            size, token, result, x => ReservationResources.Reservation(x with { State = x.StateAt(now) }, Absolute(x.Id)), $"Reservations of {latest.Name}");
        r.Links.Add(new Link(Rels.Up, Uris.Process(key)));
        r.Links.Add(new Link(Rels.Process, Uris.Process(key)));
        Variants.AddAlternates(r, "hal", "json");
        var deployed = await engine.GetDeployedAsync(latest.Id, cancellationToken);
        if (deployed.NoneStartEvent is not null)
        {
            r.Templates.Add(ReservationResources.ReserveTemplate(deployed, Uris.ProcessReservations(key)));
        }

        return r;
    }

    [HttpGet("/reservations/{id}")]
    [HttpGet("/reservations/{id}.{format}")]
    public async Task<Resource> GetAsync(string id, CancellationToken cancellationToken) =>
        ReservationResources.Reservation(await engine.GetReservationAsync(id, cancellationToken), Absolute(id));

    /// <summary>Confirm: <c>204</c> (again <c>204</c> when already confirmed); <c>404</c> once cancelled or expired. A form post: <c>303</c> to the reservation.</summary>
    // The participant link is the coordinator's capability (TCC for REST): a coordinator, this server's own
    // included, holds only the URI, so confirm, cancel and OPTIONS need no sign-in; the id is unguessable.
    [HttpPut("/reservations/{id}")]
    [Microsoft.AspNetCore.Authorization.AllowAnonymous]
    public async Task<IActionResult> ConfirmAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("confirm", ct => GetAsync(id, ct));
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        await engine.ConfirmReservationAsync(id, context, cancellationToken);
        return NoContentOrRedirect(Uris.Reservation(id));
    }

    /// <summary>Cancel: <c>204</c>; <c>404</c> when already cancelled or expired; <c>409</c> once confirmed.</summary>
    [HttpDelete("/reservations/{id}")]
    [Microsoft.AspNetCore.Authorization.AllowAnonymous]
    public async Task<IActionResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("cancel", ct => GetAsync(id, ct));
        await engine.CancelReservationAsync(id, cancellationToken);
        return NoContentOrRedirect(Uris.Reservation(id));
    }

    /// <summary>What a coordinator asks before confirming, to measure the round trip: the methods the participant link takes.</summary>
    [HttpOptions("/reservations/{id}")]
    [Microsoft.AspNetCore.Authorization.AllowAnonymous]
    public IActionResult Options()
    {
        Response.Headers.Allow = "GET, HEAD, PUT, DELETE, OPTIONS";
        return NoContent();
    }

    private TimeSpan Ttl(string? seconds)
    {
        var max = options.Value.MaxReservationTtl;
        if (string.IsNullOrWhiteSpace(seconds))
        {
            return options.Value.DefaultReservationTtl;
        }

        if (!long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > max.TotalSeconds)
        {
            throw new ValidationException("INVALID_INPUT", $"'ttl' must be a whole number of seconds from 1 to {(long)max.TotalSeconds}.",
                [new ValidationError("FIELD_INVALID", $"Give 1 to {(long)max.TotalSeconds} seconds.", "ttl")]);
        }

        return TimeSpan.FromSeconds(n);
    }

    private string Absolute(string id) => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{Uris.Reservation(id)}";
}
