using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine;

/// <summary>
/// Participants: the people and groups that own work, registered so they can be found and followed; the commands
/// themselves are <see cref="Commanding.ParticipantCommands"/>.
/// </summary>
public sealed partial class ProcessEngine
{
    /// <summary>Registers a user or group; <c>409 PARTICIPANT_EXISTS</c> when it is already there.</summary>
    public Task<ParticipantRecord> AddParticipantAsync(string kind, string id, string? name, CancellationToken cancellationToken) =>
        _participants.AddAsync(kind, id, name, cancellationToken);

    /// <summary>Removes a participant; their tasks and history stay as they are.</summary>
    public Task RemoveParticipantAsync(string kind, string id, CancellationToken cancellationToken) => _participants.RemoveAsync(kind, id, cancellationToken);

    public Task<ParticipantRecord> GetParticipantAsync(string kind, string id, CancellationToken cancellationToken) =>
        _participants.GetAsync(kind, id, cancellationToken);
}
