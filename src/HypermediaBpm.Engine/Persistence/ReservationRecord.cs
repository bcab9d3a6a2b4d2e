namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A try-confirm/cancel reservation: a tentative start of one process version with its start variables, which a
/// coordinator confirms (the instance starts then) or cancels before <see cref="ExpiresAt"/>. Nothing of the
/// process runs while it is <see cref="ReservationStates.Reserved"/>.
/// </summary>
/// <param name="VariablesJson">The start form's values, already typed and checked when the reservation was made.</param>
/// <param name="InstanceId">The instance its confirmation started; null until then.</param>
public sealed record ReservationRecord(
    string Id,
    string DefinitionId,
    string ProcessKey,
    int ProcessVersion,
    string? BusinessKey,
    string VariablesJson,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset UpdatedAt,
    string? InstanceId = null)
{
    /// <summary>
    /// The state as of <paramref name="now"/>: a reservation still stored as reserved past its expiry is expired
    /// whether or not the sweep has marked it yet, so no reader ever sees a reservation that can no longer be confirmed
    /// as reserved.
    /// </summary>
    public string StateAt(DateTimeOffset now) =>
        State == ReservationStates.Reserved && now >= ExpiresAt ? ReservationStates.Expired : State;
}

/// <summary>The states of a reservation. Only <see cref="Reserved"/> can change, to any of the others.</summary>
public static class ReservationStates
{
    public const string Reserved = "reserved";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
}

/// <summary>Reservations of one process key (or all), newest first.</summary>
public sealed record ReservationQuery(PageRequest Page, string? ProcessKey = null);

/// <summary>
/// A confirmation riding in the change set that inserts the instance it starts: the reservation must still be
/// reserved and unexpired at <see cref="At"/>, else the whole change set is a conflict and no instance is written.
/// </summary>
public sealed record ReservationConfirmation(string ReservationId, string InstanceId, DateTimeOffset At);
