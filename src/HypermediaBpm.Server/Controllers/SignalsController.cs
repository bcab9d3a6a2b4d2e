using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary><c>bpm:signals</c>: where signals are broadcast (template <c>broadcast</c>).</summary>
[Identity.Requires(Identity.Right.SendEvents)]
public sealed class SignalsController(ProcessEngine engine, TimeProvider clock) : HypermediaController
{
    private const int ListLimit = 200;

    [HttpGet("/signals")]
    [HttpGet("/signals.{format}")]
    public async Task<Resource> ListAsync(CancellationToken cancellationToken) =>
        EventResources.SignalCollection(await engine.Store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Signal, Limit: ListLimit), cancellationToken));

    /// <summary>The <c>broadcast</c> template: <c>200</c> with a <c>bpm:instance</c> link per instance reached or started.</summary>
    [HttpPost("/signals")]
    public async Task<IActionResult> BroadcastAsync(CancellationToken cancellationToken)
    {
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var input = EventInput.From(values, clock.GetUtcNow());
        var outcome = await engine.BroadcastSignalAsync(input.Name, input.Variables, cancellationToken);
        var answer = EventResources.Correlation(Uris.Signals, input.Name.Trim(), null, outcome.Reached, outcome.Started);
        return ChangedResource(answer, outcome.Reached.Concat(outcome.Started).Select(Uris.Instance).FirstOrDefault() ?? Uris.Signals);
    }
}
