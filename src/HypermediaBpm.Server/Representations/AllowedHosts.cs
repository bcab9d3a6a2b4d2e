using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// The <c>Host</c> names the server answers to (ASP.NET Core host filtering), against DNS rebinding: a page
/// elsewhere points its own name at 127.0.0.1 and reads this server as if it were its own site. The standard
/// <c>AllowedHosts</c> setting (names separated by <c>;</c>, <c>*</c> for any) wins; without it the names come
/// from the addresses the server listens on: loopback only → <c>localhost;127.0.0.1;[::1]</c> (and the loopback
/// address itself); specific addresses or names → those; a wildcard (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>,
/// <c>+</c>) → any, since the names people reach it by cannot be known.
/// </summary>
public static class AllowedHosts
{
    public const string ConfigurationKey = "AllowedHosts";

    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Configures <see cref="HostFilteringOptions"/> when options are first read (after the server has bound its addresses).</summary>
    public static IServiceCollection AddAllowedHosts(this IServiceCollection services)
    {
        // The framework's own filter runs before every middleware, so its 400 could not be a problem document:
        // AllowedHostsMiddleware runs the same filter inside the pipeline instead.
        foreach (var framework in services.Where(d => d.ServiceType == typeof(IStartupFilter) && !d.IsKeyedService && d.ImplementationType?.Name == "HostFilteringStartupFilter").ToList())
        {
            services.Remove(framework);
        }

        services.AddOptions<HostFilteringOptions>().Configure<IServer, IConfiguration>((options, server, configuration) =>
        {
            options.IncludeFailureMessage = false;
            var configured = configuration[ConfigurationKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            if (addresses.Count == 0 && configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
            {
                addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            }

            options.AllowedHosts = configured is { Length: > 0 } ? configured : Derive(addresses);
        });
        return services;
    }

    /// <summary>The host names for the listen addresses <paramref name="addresses"/> (none known: the loopback names, as Kestrel's default is localhost).</summary>
    public static List<string> Derive(IEnumerable<string> addresses)
    {
        var hosts = new List<string>();
        foreach (var address in addresses)
        {
            var host = HostOf(address);
            if (host is "*" or "+" or "0.0.0.0" or "[::]" or "::" || host.Length == 0)
            {
                return ["*"];
            }

            hosts.Add(host);
            if (IsLoopback(host))
            {
                hosts.AddRange(LoopbackNames);
            }
        }

        return hosts.Count == 0 ? [.. LoopbackNames] : hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The host of a listen address such as <c>http://127.0.0.1:5000</c>, <c>http://*:80</c> or <c>https://[::1]:0</c>.</summary>
    private static string HostOf(string address)
    {
        var rest = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        rest = end >= 0 ? rest[..end] : rest;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? rest[..(close + 1)] : rest;
        }

        var colon = rest.LastIndexOf(':');
        return colon >= 0 ? rest[..colon] : rest;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
