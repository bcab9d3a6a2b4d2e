using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// The one policy for every request the server makes of its own accord (HTTP service tasks, the try-confirm/cancel
/// coordinator). It is enforced where connections are made — the <see cref="SocketsHttpHandler.ConnectCallback"/> of
/// the handler <see cref="CreateHandler"/> builds for both named clients — so no caller can forget it: the host name
/// must be allowed (<c>Outbound:AllowedHosts</c>), then the name is resolved here and every address checked against
/// <c>Outbound:DeniedNetworks</c> and this server's own endpoints (<c>Outbound:AllowSelf</c>), and only an allowed
/// address is connected to. The address checked is the address connected to, so a name that resolves differently a
/// moment later (DNS rebinding) gains nothing. No proxy is used, redirects are never followed by the handler, answers
/// are not decompressed and cookies are not kept.
/// </summary>
public sealed class OutboundPolicy
{
    public const string AllowedHostsRule = "Outbound:AllowedHosts";
    public const string DeniedNetworksRule = "Outbound:DeniedNetworks";
    public const string AllowSelfRule = "Outbound:AllowSelf";

    private readonly IReadOnlyList<string> _allowedHosts;
    private readonly IReadOnlyList<IPNetwork> _deniedNetworks;
    private readonly bool _allowSelf;
    private readonly OwnEndpoints _self;
    private readonly ILogger<OutboundPolicy> _logger;

    public OutboundPolicy(IOptions<OutboundOptions> options, OwnEndpoints self, ILogger<OutboundPolicy> logger)
    {
        var o = options.Value;
        _allowedHosts = o.AllowedHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => NormalizeHost(h.Trim())).ToList();
        _deniedNetworks = o.EffectiveDeniedNetworks();
        _allowSelf = o.AllowSelf;
        _self = self;
        _logger = logger;
    }

    /// <summary>IPv4-mapped IPv6 addresses (<c>::ffff:169.254.169.254</c>) are the IPv4 address they carry: checked as such.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Throws <see cref="OutboundRefusedException"/> unless <paramref name="host"/> (a name or an address literal) is allowed.</summary>
    public void CheckHost(string host)
    {
        if (_allowedHosts.Count == 0)
        {
            return;
        }

        var name = NormalizeHost(host);
        foreach (var pattern in _allowedHosts)
        {
            if (pattern == "*" || pattern == name
                || (pattern.StartsWith("*.", StringComparison.Ordinal) && name.EndsWith(pattern[1..], StringComparison.Ordinal)))
            {
                return;
            }
        }

        throw new OutboundRefusedException(AllowedHostsRule, $"the host '{host}' is not allowed");
    }

    /// <summary>The rule that forbids connecting to <paramref name="address"/>:<paramref name="port"/>; null when it is allowed.</summary>
    public string? RuleAgainst(IPAddress address, int port)
    {
        var normalized = Normalize(address);
        if (_deniedNetworks.Any(n => n.Contains(normalized)))
        {
            return DeniedNetworksRule;
        }

        return !_allowSelf && _self.Contains(normalized, port) ? AllowSelfRule : null;
    }

    /// <summary>A handler for a named <see cref="HttpClient"/> whose every connection goes through this policy.</summary>
    public SocketsHttpHandler CreateHandler(TimeSpan connectTimeout) => new()
    {
        ConnectCallback = ConnectAsync,
        ConnectTimeout = connectTimeout,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    };

    /// <summary>Resolves the host itself, refuses what the policy forbids and connects to the first allowed address that answers.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        CheckHost(host);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        string? refusedBy = null;
        SocketException? lastFailure = null;
        foreach (var address in addresses.Select(Normalize))
        {
            if (RuleAgainst(address, port) is { } rule)
            {
                // The detail goes to the operator's log, not into resources a model's author can read.
                _logger.LogInformation("Outbound call to {Host}:{Port} not made to {Address}: {Rule}", host, port, address, rule);
                refusedBy ??= rule;
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        if (lastFailure is not null)
        {
            throw lastFailure;
        }

        throw refusedBy switch
        {
            DeniedNetworksRule => new OutboundRefusedException(DeniedNetworksRule, $"'{host}' is in a denied network"),
            AllowSelfRule => new OutboundRefusedException(AllowSelfRule, $"'{host}:{port}' is this server itself"),
            _ => new SocketException((int)SocketError.HostNotFound),
        };
    }

    /// <summary>Lower case, without a trailing dot or IPv6 brackets, international names in their ASCII form; addresses in their canonical text.</summary>
    private static string NormalizeHost(string host)
    {
        var bare = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (IPAddress.TryParse(bare, out var address))
        {
            return Normalize(address).ToString();
        }

        try
        {
            return bare.StartsWith("*.", StringComparison.Ordinal) ? "*." + new System.Globalization.IdnMapping().GetAscii(bare[2..]) : new System.Globalization.IdnMapping().GetAscii(bare);
        }
        catch (ArgumentException)
        {
            return bare;
        }
    }
}
