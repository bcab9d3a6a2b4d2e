using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Triggers;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:messages</c>: where messages are sent (template <c>send</c>), what waits for them, and the messages
/// kept with a time to live. Sending goes through the engine's command path like every other change.
/// </summary>
public sealed class MessagesController(ProcessEngine engine, TimeProvider clock) : HypermediaController
{
    /// <summary>How many open message subscriptions are counted (and, on a message, listed).</summary>
    private const int CountLimit = 1000;

    [Identity.Requires(Identity.Right.SendEvents)]
    [HttpGet("/messages")]
    [HttpGet("/messages.{format}")]
    public async Task<Resource> ListAsync(CancellationToken cancellationToken) =>
        MessageResources.Collection(await engine.GetMessageUsesAsync(cancellationToken), await engine.GetWaitingMessagesAsync(CountLimit, cancellationToken), CountLimit);

    /// <summary>
    /// The <c>send</c> template: <c>200</c> with a <c>bpm:instance</c> link per instance reached or started;
    /// <c>202</c> and the buffered message's <c>Location</c> when no one waits and a <c>ttl</c> was given;
    /// otherwise <c>404 MESSAGE_NOT_CORRELATED</c>.
    /// </summary>
    [Identity.Requires(Identity.Right.SendEvents)]
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

    /// <summary>A message name as a resource: who receives it, what waits for it, and its webhook's <c>send</c>.</summary>
    [Identity.Requires(Identity.Right.SendEvents)]
    [HttpGet("/messages/{name}")]
    [HttpGet("/messages/{name}.{format:regex(^(hal|halforms|json|html)$)}")]
    public async Task<Resource> GetAsync(string name, CancellationToken cancellationToken)
    {
        var uses = await UsesAsync(name, cancellationToken);
        var waiting = await engine.GetWaitingForMessageAsync(name, CountLimit, cancellationToken);
        if (uses.Count == 0 && waiting.Count == 0)
        {
            throw new NotFoundException("MESSAGE_NOT_FOUND", $"No deployed process starts on message '{name}' or waits for it.",
                new Dictionary<string, object?> { ["name"] = name });
        }

        return MessageResources.Message(name, uses, waiting, CountLimit);
    }

    /// <summary>
    /// The webhook: the payload (JSON or form fields) becomes the message's variables and its key is found as
    /// <see cref="WebhookInput"/> says. <c>200</c> with a <c>bpm:instance</c> link per instance reached or started
    /// (and the <c>Location</c> of the first started); <c>202</c> when buffered by <c>?ttl=</c>; <c>404
    /// MESSAGE_NOT_CORRELATED</c> when no one waits. Only a browser's form post is redirected (<c>303</c>): a
    /// shop's server posting a form is a client like any other and gets the answer.
    /// </summary>
    [Identity.Requires(Identity.Right.SendEvents)]
    [HttpPost("/messages/{name}")]
    public async Task<IActionResult> ReceiveAsync(string name, CancellationToken cancellationToken)
    {
        var browser = Request.HasFormContentType && BrowserFormAntiforgeryFilter.IsBrowser(Request);
        if (browser)
        {
            RememberForm("send", ct => GetAsync(name, ct));
        }

        var uses = await UsesAsync(name, cancellationToken);
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var input = WebhookInput.From(values, Request.Query, uses, clock.GetUtcNow());
        var outcome = await engine.CorrelateMessageAsync(name, input.CorrelationKey, input.Variables, input.TimeToLive, cancellationToken);
        if (outcome.Buffered is { } buffered)
        {
            Response.Headers.Location = Uris.BufferedMessage(buffered.Id);
            return browser
                ? StatusCode(StatusCodes.Status303SeeOther)
                : new ObjectResult(EventResources.BufferedMessage(buffered)) { StatusCode = StatusCodes.Status202Accepted };
        }

        var answer = EventResources.Correlation(Uris.Message(name), name.Trim(), input.CorrelationKey, outcome.Reached, outcome.Started);
        if (browser)
        {
            Response.Headers.Location = Uris.Instance(outcome.Reached.Concat(outcome.Started).First());
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        if (outcome.Started.Count > 0)
        {
            Response.Headers.Location = Uris.Instance(outcome.Started[0]);
        }

        return Ok(answer);
    }

    [Identity.Requires(Identity.Right.SendEvents)]
    [HttpGet("/messages/buffered/{id}")]
    [HttpGet("/messages/buffered/{id}.{format}")]
    public async Task<Resource> GetBufferedAsync(string id, CancellationToken cancellationToken) =>
        EventResources.BufferedMessage(await engine.GetBufferedMessageAsync(id, cancellationToken));

    private async Task<IReadOnlyList<MessageUse>> UsesAsync(string name, CancellationToken cancellationToken) =>
        (await engine.GetMessageUsesAsync(cancellationToken)).Where(u => u.Name == name.Trim()).ToList();

    /// <summary>What one instance waits for: its timers, messages and signals.</summary>
    [HttpGet("/instances/{id}/messages")]
    [HttpGet("/instances/{id}/messages.{format}")]
    public async Task<Resource> ForInstanceAsync(string id, CancellationToken cancellationToken)
    {
        var rights = Rights;
        var instance = await InstancesController.VisibleInstanceAsync(engine, id, rights, cancellationToken);
        var waiting = await engine.GetSubscriptionsAsync(id, cancellationToken);
        return EventResources.InstanceMessages(id, instance.State, waiting, rights.MaySendEvents);
    }
}
