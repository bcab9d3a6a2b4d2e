using HypermediaBpm.Server.Problems;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// ASP.NET Core's host filtering (<see cref="HostFilteringMiddleware"/>, configured by <see cref="AllowedHosts"/>)
/// inside the pipeline, so that a refused <c>Host</c> is answered like every other error: <c>400 HOST_NOT_ALLOWED</c>
/// as a problem document, with the security headers. Goes after the problem middleware.
/// </summary>
public sealed class AllowedHostsMiddleware
{
    private static readonly object Passed = new();
    private readonly Lazy<HostFilteringMiddleware> _filter;

    public AllowedHostsMiddleware(RequestDelegate next, ILogger<HostFilteringMiddleware> logger, IOptionsMonitor<HostFilteringOptions> options)
    {
        // Built on the first request: the filter reads its options once, and the allowed names depend on the
        // addresses the server has bound by then.
        _filter = new(() => new HostFilteringMiddleware(
            context =>
            {
                context.Items[Passed] = true;
                return next(context);
            },
            logger,
            options));
    }

    public async Task InvokeAsync(HttpContext context)
    {
        await _filter.Value.Invoke(context).ConfigureAwait(false);
        if (!context.Items.ContainsKey(Passed))
        {
            var host = context.Request.Headers.Host.ToString();
            throw new HttpProblemException(StatusCodes.Status400BadRequest, ProblemCodes.HostNotAllowed,
                $"This server does not answer to the host name '{host}'.",
                new Dictionary<string, object?> { ["host"] = host, ["setting"] = AllowedHosts.ConfigurationKey });
        }
    }
}
