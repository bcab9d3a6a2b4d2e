namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Work for an external worker (a service, send or business rule task with a topic): the token
/// <see cref="TokenId"/> of <see cref="InstanceId"/> waits at <see cref="ActivityId"/> until the job is completed.
/// </summary>
public sealed record JobRecord(
    string Id,
    string Topic,
    string InstanceId,
    string TokenId,
    string ActivityId,
    string DefinitionId,
    string ProcessKey,
    int Retries,
    DateTimeOffset CreatedAt);
