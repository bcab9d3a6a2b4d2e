using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// The addresses and ports this server listens on (the host's <see cref="IServerAddressesFeature"/>, read when asked,
/// so ports chosen at start-up count): what a call must not reach unless <c>Outbound:AllowSelf</c> says so. A server
/// bound to every address (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) is reached through any loopback address or
/// any address of this machine's interfaces on its port.
/// </summary>
public sealed class OwnEndpoints(IServiceProvider services)
{
    /// <summary>True when a connection to <paramref name="address"/>:<paramref name="port"/> would reach this server.</summary>
    public bool Contains(IPAddress address, int port)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return false;
        }

        address = OutboundPolicy.Normalize(address);
        IReadOnlySet<IPAddress>? local = null;
        foreach (var text in addresses)
        {
            if (!TryParse(text, out var host, out var boundPort) || boundPort != port)
            {
                continue;
            }

            if (host is "localhost" ? IPAddress.IsLoopback(address)
                : IPAddress.TryParse(host, out var bound) && !IsAny(bound) ? OutboundPolicy.Normalize(bound).Equals(address)
                : IPAddress.IsLoopback(address) || (local ??= InterfaceAddresses()).Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Host and port of a listening address such as <c>http://127.0.0.1:5000</c> or <c>https://[::]:443</c>.</summary>
    private static bool TryParse(string text, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        var start = text.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var authority = text[(start + 3)..];
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        authority = slash < 0 ? authority : authority[..slash];
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || colon < authority.LastIndexOf(']') || !int.TryParse(authority[(colon + 1)..], out port))
        {
            // No port written: the scheme's own.
            port = text.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
            colon = authority.Length;
        }

        host = authority[..colon].Trim('[', ']').ToLowerInvariant();
        return true;
    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static HashSet<IPAddress> InterfaceAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(u => OutboundPolicy.Normalize(u.Address))
                .ToHashSet();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
