namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Something a process waits for from outside: a timer, a message or a signal. An instance subscription
/// names the token that waits (<see cref="TokenId"/>) and the event that catches (<see cref="ActivityId"/>:
/// an intermediate catch event, a receive task, an event after an event-based gateway, and later a boundary
/// event or an event-subprocess start). A start subscription has no instance: firing it starts one at the
/// start event <see cref="ActivityId"/> of definition <see cref="DefinitionId"/>.
/// </summary>
/// <param name="Kind">One of <see cref="SubscriptionKinds"/>.</param>
/// <param name="Name">The message or signal name; null for timers.</param>
/// <param name="CorrelationKey">A message subscription's key, evaluated when it opened (null: any key matches).</param>
/// <param name="DueAt">When a timer falls due; null for messages and signals.</param>
/// <param name="Cycle">A repeating timer's period (ISO 8601 duration), with <paramref name="RepeatsLeft"/> firings to come (-1: for ever).</param>
/// <param name="LeaseOwner">The scheduler that claimed this due timer, until <paramref name="LeaseUntil"/>.</param>
public sealed record SubscriptionRecord(
    string Id,
    string Kind,
    string? Name,
    string? CorrelationKey,
    DateTimeOffset? DueAt,
    string? Cycle,
    int RepeatsLeft,
    string? InstanceId,
    string? TokenId,
    string ActivityId,
    string DefinitionId,
    string ProcessKey,
    DateTimeOffset CreatedAt,
    string? LeaseOwner = null,
    DateTimeOffset? LeaseUntil = null)
{
    public bool IsStart => InstanceId is null;
}
