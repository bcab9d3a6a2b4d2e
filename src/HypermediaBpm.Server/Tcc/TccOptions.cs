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
}
