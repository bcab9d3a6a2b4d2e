using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Batches;

/// <summary>
/// Retries every open incident of each instance, one command per incident as the incident's own <c>retry</c> (without
/// new variables). An instance with no open incident is a failure of the batch, not a silent no-op — unless this batch
/// already retried it (a chunk run again after a crash): the first retry carries the batch's key for the instance itself.
/// </summary>
public sealed class RetryIncidentsOperation : IBatchOperation
{
    public const string NoIncidentCode = "INSTANCE_HAS_NO_INCIDENT";

    private static readonly IReadOnlyDictionary<string, object?> NoVariables = new Dictionary<string, object?>();

    public string Name => "retry-incidents";

    public string Title => "Retry the open incidents";

    public async Task ApplyAsync(ProcessEngine engine, string instanceId, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(context);
        var instance = await engine.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance.Incidents.Count == 0)
        {
            var retriedBefore = context.ScopedIdempotencyKey is { } key
                && await engine.Store.GetIdempotencyRecordAsync(key, cancellationToken).ConfigureAwait(false) is not null;
            if (!retriedBefore)
            {
                throw new InvalidStateException(NoIncidentCode, $"Instance '{instanceId}' has no open incident to retry.",
                    new Dictionary<string, object?> { ["instance"] = instanceId });
            }

            return;
        }

        var first = true;
        foreach (var incident in instance.Incidents.Select(i => i.Id).ToList())
        {
            var each = first || context.IdempotencyKey is null ? context : context with { IdempotencyKey = context.IdempotencyKey + ":" + incident };
            await engine.RetryIncidentAsync(instanceId, incident, NoVariables, each, cancellationToken).ConfigureAwait(false);
            first = false;
        }
    }
}
