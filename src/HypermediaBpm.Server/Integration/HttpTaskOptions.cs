namespace HypermediaBpm.Server.Integration;

/// <summary>The server's HTTP-task worker (configuration section <c>HttpTasks</c>).</summary>
public sealed class HttpTaskOptions
{
    /// <summary>Whether this server process makes the calls (false: another process on the same database does).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Calls in flight at once; each runs on its own, so a slow service holds one of them and no other call.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>The most of an answer's body that is read; a longer answer is an incident, read no further.</summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest a call may take, whatever its <c>timeout</c> asks: a longer one is cut to this.</summary>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Redirects one call follows at most (when its <c>followRedirects</c> is true).</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Null when the settings make sense; otherwise what is wrong (checked at start-up).</summary>
    public string? Problem() =>
        MaxConcurrency < 1 ? "HttpTasks:MaxConcurrency must be at least 1."
        : MaxResponseBytes < 1 || MaxResponseBytes > 256 * 1024 * 1024 ? "HttpTasks:MaxResponseBytes must be between 1 and 268435456 (256 MiB)."
        : MaxTimeout <= TimeSpan.Zero || MaxTimeout > TimeSpan.FromHours(12) ? "HttpTasks:MaxTimeout must be positive and at most 12 hours."
        : MaxRedirects < 0 ? "HttpTasks:MaxRedirects must not be negative."
        : null;
}
