using System.Text.Json;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// One activity instance of an instance (ruote's expression): read by whoever may see the instance; <c>DELETE</c>
/// cancels that branch as the <c>modify</c> template's <c>cancel</c> does (operators, admins).
/// </summary>
public sealed class ActivitiesController(ProcessEngine engine) : HypermediaController
{
    /// <summary>How much of an instance's history is searched for an activity instance that has ended.</summary>
    private const int MaxHistoryPages = 50;

    [HttpGet("/instances/{id}/activities/{activityInstanceId}")]
    [HttpGet("/instances/{id}/activities/{activityInstanceId}.{format}")]
    public async Task<Resource> GetAsync(string id, string activityInstanceId, CancellationToken cancellationToken)
    {
        var instance = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
        if (instance.Tokens.Find(t => t.Id == activityInstanceId) is { } token)
        {
            return ActivityResources.Active(instance, process, token, Rights.MayOperate);
        }

        var (started, ended) = await FindEndedAsync(id, activityInstanceId, cancellationToken);
        return started is null ? throw NotFound(id, activityInstanceId) : ActivityResources.Ended(instance, process, activityInstanceId, started, ended);
    }

    /// <summary>The <c>cancel</c> template: withdraws the activity instance; the rest of the instance goes on (<c>204</c>).</summary>
    [HttpDelete("/instances/{id}/activities/{activityInstanceId}")]
    public async Task<IActionResult> CancelAsync(string id, string activityInstanceId, CancellationToken cancellationToken)
    {
        var instance = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
        Rights.Demand(Rights.MayOperate, Permissions.Operators, "cancel activity instances");
        if (instance.Tokens.All(t => t.Id != activityInstanceId))
        {
            var (started, _) = await FindEndedAsync(id, activityInstanceId, cancellationToken);
            throw started is null
                ? NotFound(id, activityInstanceId)
                : new Engine.Errors.InvalidStateException(ProblemCodes.ActivityInstanceNotActive, $"Activity instance '{activityInstanceId}' has ended; there is nothing to cancel.",
                    new Dictionary<string, object?> { ["instance"] = id, ["activityInstance"] = activityInstanceId });
        }

        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        await engine.ModifyInstanceAsync(id, [new CancelActivityInstance(activityInstanceId)], new Dictionary<string, object?>(), context, cancellationToken);
        return NoContentOrRedirect(Uris.Instance(id));
    }

    /// <summary>The history events of an activity instance that is no longer a token: its start and its end (if recorded).</summary>
    private async Task<(HistoryEvent? Started, HistoryEvent? Ended)> FindEndedAsync(string id, string activityInstanceId, CancellationToken cancellationToken)
    {
        HistoryEvent? started = null, ended = null;
        string? after = null;
        for (var page = 0; page < MaxHistoryPages; page++)
        {
            var result = await engine.Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(PageRequest.MaxSize, After: after), id), cancellationToken);
            foreach (var e in result.Items.Where(e => TokenOf(e) == activityInstanceId))
            {
                started ??= e;
                ended = e;
            }

            if (!result.HasNext)
            {
                break;
            }

            after = result.LastKey;
        }

        return (started, ended is not null && ReferenceEquals(ended, started) && started.Type != Engine.Execution.HistoryTypes.ActivityPassed ? null : ended);
    }

    private static string? TokenOf(HistoryEvent e)
    {
        if (e.DataJson is null || !e.DataJson.Contains("\"token\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(e.DataJson);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;
    }

    private static Engine.Errors.NotFoundException NotFound(string id, string activityInstanceId) =>
        new(ProblemCodes.ActivityInstanceNotFound, $"Instance '{id}' has no activity instance '{activityInstanceId}'.",
            new Dictionary<string, object?> { ["instance"] = id, ["activityInstance"] = activityInstanceId });
}
