namespace HypermediaBpm.Server.Identity;

/// <summary>The <c>Security</c> configuration section (see docs/identity.md).</summary>
public sealed class SecurityOptions
{
    public AdminOptions Admin { get; set; } = new();

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>How long a verified Basic credential is trusted without hashing the password again (its user is read again after AccountRecheckInterval).</summary>
    public TimeSpan BasicCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the user of a cached Basic credential is trusted before being read again. Changes made through this server
    /// apply at once; this bounds how long a change made by another server process on the same store takes.
    /// </summary>
    public TimeSpan AccountRecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed sign-ins allowed per user name and per client address within <see cref="FailureWindow"/> before <c>429</c>.</summary>
    public int MaxFailures { get; set; } = 10;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest <c>expiresIn</c> a <c>create-token</c> may ask for.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(366);

    /// <summary>A cookie session ends after this long without a request (sliding).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    public sealed class AdminOptions
    {
        public string User { get; set; } = "admin";

        /// <summary>When unset, the first administrator gets a random password (logged once and written next to the database).</summary>
        public string? Password { get; set; }
    }

    public sealed class JwtOptions
    {
        /// <summary>The OpenID Connect provider's issuer URI; JWT bearer sign-in is on only when it is set.</summary>
        public string? Authority { get; set; }

        public string? Audience { get; set; }

        /// <summary>The claim listing the user's groups.</summary>
        public string GroupsClaim { get; set; } = "groups";

        /// <summary>The claim naming the user (<c>sub</c> when the token lacks it).</summary>
        public string NameClaim { get; set; } = "preferred_username";

        public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
    }
}
