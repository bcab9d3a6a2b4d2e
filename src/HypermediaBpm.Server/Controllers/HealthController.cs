using HypermediaBpm.Engine;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>/health</c>: is the database reachable (200 healthy; 503 with <c>DB_CONNECTION_ERROR</c>, the retry context and
/// <c>Retry-After</c> otherwise), and which node answers (<c>node.id</c>), so a load balancer and an operator can tell nodes apart.
/// </summary>
// Public: contract §9 lets anonymous requests read this.
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[ApiController]
public sealed class HealthController(ProcessEngine engine, TimeProvider clock, Hosting.DatabaseHealth health, Hosting.NodeIdentity node) : ControllerBase
{
    [HttpGet("/health")]
    public async Task<IActionResult> GetAsync(CancellationToken cancellationToken)
    {
        string database;
        string? error = null;
        try
        {
            await engine.Store.PingAsync(cancellationToken);
            health.Connected(clock.GetUtcNow());
            database = "connected";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            database = "unreachable";
            error = ex.Message;
        }

        var healthy = database == "connected";
        var body = new Dictionary<string, object?>
        {
            ["status"] = healthy ? "healthy" : "unhealthy",
            ["node"] = new Dictionary<string, object?> { ["id"] = node.Id },
            ["services"] = new Dictionary<string, object?>
            {
                ["database"] = new Dictionary<string, object?>
                {
                    ["status"] = database,
                    ["last_connected"] = health.LastConnected?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    ["error"] = error,
                },
            },
        };
        if (!healthy)
        {
            body["code"] = Problems.ProblemCodes.DbConnectionError;
            body["context"] = new Dictionary<string, object?> { ["service"] = "database", ["retry_after"] = Problems.DatabaseFailures.RetryAfterSeconds };
            Response.Headers.RetryAfter = Problems.DatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Response.Headers.CacheControl = "no-store";
        return new JsonResult(body) { StatusCode = healthy ? 200 : 503 };
    }
}
