using System.Net;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// Where the server itself may send requests (configuration section <c>Outbound</c>): HTTP service tasks and the
/// try-confirm/cancel coordinator call URLs that models, variables and clients choose, so the operator decides which
/// of them the server may reach.
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>
    /// What <see cref="DeniedNetworks"/> holds when the configuration does not name it: link-local addresses (cloud
    /// metadata services live there) and the "this host" addresses <c>0.0.0.0/8</c> and <c>::</c>, which reach the
    /// local machine on Linux.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultDeniedNetworks = ["169.254.0.0/16", "fe80::/10", "0.0.0.0/8", "::/128"];

    /// <summary>
    /// Host names the server may call: exact names (<c>billing.internal</c>), IP addresses (<c>127.0.0.1</c>) or
    /// <c>*.example.com</c> for every name below a domain; <c>*</c> or nothing for any host.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Networks (CIDR) the server never connects to, checked on every address a name resolves to, at connect time;
    /// null for <see cref="DefaultDeniedNetworks"/>. A configured list replaces the defaults rather than adding to them.
    /// </summary>
    public List<string>? DeniedNetworks { get; set; }

    /// <summary>
    /// Whether calls may reach this server's own endpoints (its listening addresses and ports). Off: a model cannot
    /// make the server change its own state through its API behind everybody's back.
    /// </summary>
    public bool AllowSelf { get; set; }

    /// <summary>Null when the settings make sense; otherwise what is wrong (checked at start-up).</summary>
    public string? Problem()
    {
        _ = EffectiveDeniedNetworks();
        return AllowedHosts.FirstOrDefault(h => h.Contains('*', StringComparison.Ordinal) && h.Trim() != "*" && !h.Trim().StartsWith("*.", StringComparison.Ordinal))
            is { } pattern ? $"Outbound:AllowedHosts has '{pattern}': a pattern is a name, an address, '*' or '*.' and a domain." : null;
    }

    /// <summary>The denied networks in effect; throws <see cref="FormatException"/> naming an entry that is not a CIDR.</summary>
    public IReadOnlyList<IPNetwork> EffectiveDeniedNetworks() =>
        (DeniedNetworks ?? [.. DefaultDeniedNetworks])
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => IPNetwork.TryParse(n.Trim(), out var network)
                ? network
                : throw new FormatException($"Outbound:DeniedNetworks has '{n}', which is not a network in CIDR notation (such as 10.0.0.0/8)."))
            .ToList();
}
