using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>The participant area: the people and groups that own work, registered so they can be found and followed.</summary>
internal sealed class ParticipantCommands(IParticipantStore store, TimeProvider clock)
{
    public async Task<ParticipantRecord> AddAsync(string kind, string id, string? name, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        if (!ParticipantKinds.IsKnown(kind))
        {
            errors.Add(new ValidationError("FIELD_INVALID", $"'kind' must be '{ParticipantKinds.User}' or '{ParticipantKinds.Group}', not '{kind}'.", "kind"));
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || !id.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            errors.Add(new ValidationError("FIELD_INVALID", "'id' must be 1 to 100 letters, digits, '.', '_', '-' or '@' (it is what tasks name in camunda:assignee and candidate lists).", "id"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException("INVALID_INPUT", string.Join(" ", errors.Select(e => e.Message)), errors);
        }

        var participant = new ParticipantRecord(kind, id, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), clock.GetUtcNow());
        if (!await store.AddParticipantAsync(participant, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidStateException("PARTICIPANT_EXISTS", $"The {kind} '{id}' is already a participant.",
                new Dictionary<string, object?> { ["kind"] = kind, ["id"] = id });
        }

        return participant;
    }

    public async Task RemoveAsync(string kind, string id, CancellationToken cancellationToken)
    {
        if (!await store.RemoveParticipantAsync(kind, id, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(kind, id);
        }
    }

    public async Task<ParticipantRecord> GetAsync(string kind, string id, CancellationToken cancellationToken) =>
        await store.GetParticipantAsync(kind, id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(kind, id);

    private static NotFoundException NotFound(string kind, string id) =>
        new("PARTICIPANT_NOT_FOUND", $"There is no participant {kind} '{id}'.", new Dictionary<string, object?> { ["kind"] = kind, ["id"] = id });
}
