using HypermediaBpm.Engine;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:messages</c>: where messages are sent (template <c>send</c>), what waits for them, and the messages
/// kept with a time to live. Sending goes through the engine's command path like every other change.
/// </summary>
public sealed class MessagesController(ProcessEngine engine, TimeProvider clock) : HypermediaController
{
    /// <summary>How many open message subscriptions the collection lists (oldest first).</summary>
    private const int ListLimit = 50;

    [HttpGet("/messages")]
    [HttpGet("/messages.{format}")]
    public async Task<Resource> ListAsync(CancellationToken cancellationToken) =>
        EventResources.MessageCollection(await engine.GetWaitingMessagesAsync(ListLimit, cancellationToken), ListLimit);

    /// <summary>
    /// The <c>send</c> template: <c>200</c> with a <c>bpm:instance</c> link per instance reached or started;
    /// <c>202</c> and the buffered message's <c>Location</c> when no one waits and a <c>ttl</c> was given;
    /// otherwise <c>404 MESSAGE_NOT_CORRELATED</c>.
    /// </summary>
    [HttpPost("/messages")]
    public async Task<IActionResult> SendAsync(CancellationToken cancellationToken)
    {
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var input = EventInput.From(values, clock.GetUtcNow());
        var outcome = await engine.CorrelateMessageAsync(input.Name, input.CorrelationKey, input.Variables, input.TimeToLive, cancellationToken);
        if (outcome.Buffered is { } buffered)
        {
            return AcceptedResource(Uris.BufferedMessage(buffered.Id), EventResources.BufferedMessage(buffered));
        }

        var answer = EventResources.Correlation(Uris.Messages, input.Name.Trim(), input.CorrelationKey, outcome.Reached, outcome.Started);
        return ChangedResource(answer, Uris.Instance(outcome.Reached.Concat(outcome.Started).First()));
    }

    [HttpGet("/messages/buffered/{id}")]
    [HttpGet("/messages/buffered/{id}.{format}")]
    public async Task<Resource> GetBufferedAsync(string id, CancellationToken cancellationToken) =>
        EventResources.BufferedMessage(await engine.GetBufferedMessageAsync(id, cancellationToken));

    /// <summary>What one instance waits for: its timers, messages and signals.</summary>
    [HttpGet("/instances/{id}/messages")]
    [HttpGet("/instances/{id}/messages.{format}")]
    public async Task<Resource> ForInstanceAsync(string id, CancellationToken cancellationToken)
    {
        var instance = await engine.GetInstanceAsync(id, cancellationToken);
        var waiting = await engine.GetSubscriptionsAsync(id, cancellationToken);
        return EventResources.InstanceMessages(id, instance.State, waiting);
    }
}
