namespace HypermediaBpm.Engine.Triggers;

/// <summary>
/// One place in a deployed model that receives a message: a message start event (<see cref="Starts"/>), or an
/// element an instance waits at (intermediate catch, receive task, boundary event, event subprocess start).
/// </summary>
/// <param name="CorrelationKey">The key expression declared for it (<c>=orderId</c>); null when the instance's business key is the key.</param>
/// <param name="KeyVariable">The variable the key expression reads when it is just that variable (<c>orderId</c>); null otherwise.</param>
public sealed record MessageUse(
    string Name,
    string ProcessKey,
    string ProcessName,
    int ProcessVersion,
    string ActivityId,
    string ActivityName,
    bool Starts,
    string? CorrelationKey,
    string? KeyVariable);
