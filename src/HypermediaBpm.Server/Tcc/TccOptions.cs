namespace HypermediaBpm.Server.Tcc;

/// <summary>Try-confirm/cancel settings (configuration section <c>Tcc</c>).</summary>
public sealed class TccOptions
{
    /// <summary>How long a reservation holds when <c>reserve</c> names no <c>ttl</c>.</summary>
    public TimeSpan DefaultReservationTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a reservation may hold: a forgotten one must not block anything for ever.</summary>
    public TimeSpan MaxReservationTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the server marks reservations past their expiry <c>expired</c> (reads and confirms never wait for it).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one request to a participant (<c>OPTIONS</c>, <c>PUT</c>, <c>DELETE</c>) may take; never past the participant's expiry.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first pause before a failed confirm is sent again; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most participant links one coordination takes (more is <c>400 PARTICIPANT_LINKS_TOO_MANY</c>), and the most
    /// participants a BPMN <c>transaction</c> may enlist: every link is a call the server makes.
    /// </summary>
    public int MaxParticipantLinks { get; set; } = 50;

    /// <summary>Requests to participants in flight at once, over all coordinations of this server process.</summary>
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>Null when the settings make sense; otherwise what is wrong (checked at start-up).</summary>
    public string? Problem() =>
        MaxParticipantLinks < 1 ? "Tcc:MaxParticipantLinks must be at least 1."
        : MaxConcurrentCalls < 1 ? "Tcc:MaxConcurrentCalls must be at least 1."
        : null;
}
