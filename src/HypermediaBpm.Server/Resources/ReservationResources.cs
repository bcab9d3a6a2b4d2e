using System.Globalization;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Try-confirm/cancel participant resources: reservations of a process start.</summary>
public static class ReservationResources
{
    /// <summary>
    /// A reservation. <c>confirm</c> and <c>cancel</c> are there only while it is reserved; once confirmed it links the
    /// instance it started. <paramref name="absoluteUri"/> is the participant link's <c>uri</c>: a coordinator may run
    /// anywhere, so the link it is handed must be absolute.
    /// </summary>
    public static Resource Reservation(ReservationRecord r, string absoluteUri)
    {
        var self = Uris.Reservation(r.Id);
        var resource = new Resource(ResourceKinds.Reservation, self)
        {
            Title = $"Reservation of {r.ProcessKey} v{r.ProcessVersion.ToString(CultureInfo.InvariantCulture)} ({r.State})",
            Revision = r.State + "." + r.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            LastModified = r.UpdatedAt,
        };
        resource.Properties["id"] = r.Id;
        resource.Properties["state"] = r.State;
        resource.Properties["processKey"] = r.ProcessKey;
        resource.Properties["processVersion"] = r.ProcessVersion;
        resource.Properties["businessKey"] = r.BusinessKey;
        resource.Properties["createdAt"] = r.CreatedAt;
        resource.Properties["expires"] = r.ExpiresAt;
        resource.Properties["instanceId"] = r.InstanceId;
        resource.Properties["variables"] = VariableJson.Deserialize(r.VariablesJson);
        resource.Properties["participantLink"] = LinkBody(absoluteUri, r.ExpiresAt);
        resource.Links.Add(new Link(Rels.Collection, Uris.ProcessReservations(r.ProcessKey), "Reservations of this process"));
        resource.Links.Add(new Link(Rels.Up, Uris.ProcessVersion(r.ProcessKey, r.ProcessVersion)));
        resource.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(r.ProcessKey, r.ProcessVersion), "The process version it starts"));
        if (r.InstanceId is { } instanceId)
        {
            resource.Links.Add(new Link(Rels.Instance, Uris.Instance(instanceId), "The instance its confirmation started"));
        }

        Variants.AddAlternates(resource, "hal", "json");
        if (r.State == ReservationStates.Reserved)
        {
            resource.Templates.Add(new Template { Name = "confirm", Method = "PUT", Target = self, ContentType = MediaTypes.Tcc, Title = "Confirm: start the instance" });
            resource.Templates.Add(new Template { Name = "cancel", Method = "DELETE", Target = self, ContentType = MediaTypes.Tcc, Title = "Cancel the reservation" });
        }

        return resource;
    }

    /// <summary>The answer to <c>reserve</c>: the protocol's participant link, plus (in HAL) links to the reservation.</summary>
    public static Resource ParticipantLink(ReservationRecord r, string absoluteUri)
    {
        var resource = new Resource(ResourceKinds.ParticipantLink, Uris.Reservation(r.Id)) { Title = "Participant link" };
        resource.Properties["participantLink"] = LinkBody(absoluteUri, r.ExpiresAt);
        resource.Links.Add(new Link(Rels.Collection, Uris.ProcessReservations(r.ProcessKey)));
        resource.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(r.ProcessKey, r.ProcessVersion)));
        return resource;
    }

    /// <summary>The <c>reserve</c> template: the <c>start</c> template's fields plus how long to hold the reservation.</summary>
    /// <remarks>The default and the bound of <c>ttl</c> are the server's (<c>Tcc</c> options); a value beyond the bound is <c>422</c>.</remarks>
    public static Template ReserveTemplate(DeployedProcess deployed, string target)
    {
        var reserve = new Template { Name = "reserve", Method = "POST", Target = target, Title = $"Reserve a start of '{deployed.Record.Name}' (try-confirm/cancel)" };
        reserve.Properties.AddRange(ProcessResources.StartTemplate(deployed, target).Properties);
        reserve.Properties.Add(new TemplateProperty("ttl", "Seconds to hold it (empty: the server's default)", "number", Regex: "^[0-9]+$"));
        return reserve;
    }

    private static Dictionary<string, object?> LinkBody(string uri, DateTimeOffset expires) => new(StringComparer.Ordinal)
    {
        ["uri"] = uri,
        ["expires"] = expires,
    };
}
