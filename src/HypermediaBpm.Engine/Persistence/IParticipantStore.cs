namespace HypermediaBpm.Engine.Persistence;

/// <summary>The users and groups that own work (participants). Part of <see cref="IEngineStore"/>.</summary>
public interface IParticipantStore
{
    /// <summary>Registers a participant; false when one with the same kind and id exists.</summary>
    Task<bool> AddParticipantAsync(ParticipantRecord participant, CancellationToken cancellationToken);

    /// <summary>Removes a participant; false when there was none. Their tasks and history stay.</summary>
    Task<bool> RemoveParticipantAsync(string kind, string id, CancellationToken cancellationToken);

    Task<ParticipantRecord?> GetParticipantAsync(string kind, string id, CancellationToken cancellationToken);

    /// <summary>Participants by key (<c>group:…</c> before <c>user:…</c>), one keyset page.</summary>
    Task<Page<ParticipantRecord>> QueryParticipantsAsync(PageRequest page, CancellationToken cancellationToken);
}
