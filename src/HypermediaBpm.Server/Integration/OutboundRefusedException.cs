namespace HypermediaBpm.Server.Integration;

/// <summary>
/// The outbound policy refused a call before any connection was made. <see cref="Rule"/> is the setting that refused
/// it (<c>Outbound:AllowedHosts</c>, <c>Outbound:DeniedNetworks</c>, <c>Outbound:AllowSelf</c>, or a rule of the
/// HTTP tasks such as redirects staying on their origin); the message says so without the addresses a name resolved to.
/// </summary>
public sealed class OutboundRefusedException(string rule, string reason)
    : Exception($"refused by outbound policy: {reason} ({rule})")
{
    public string Rule { get; } = rule;

    /// <summary>The policy's refusal among the causes of <paramref name="exception"/> (HttpClient wraps what its connect callback throws).</summary>
    public static OutboundRefusedException? In(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
