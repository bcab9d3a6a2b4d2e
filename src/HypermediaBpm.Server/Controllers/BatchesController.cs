using HypermediaBpm.Engine.Batches;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Batches;
using HypermediaBpm.Server.Feeds;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Representations.Formatters;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// Batch operations (operators, administrators): <c>POST /batches</c> freezes the instances a filter selects and answers
/// <c>201</c> at once; the batch service works through them in the background; <c>GET</c> shows the progress (as Atom: one
/// entry per chunk); <c>cancel</c> (<c>DELETE</c>) stops it. Each instance is changed by its own engine command as the
/// batch's creator.
/// </summary>
[Requires(Right.Operate)]
public sealed class BatchesController(
    IBatchStore store, BatchOperations operations, BatchWakeUp wakeUp, FeedReader reader, IOptions<FeedOptions> feedOptions, IOptions<BatchSettings> settings,
    TimeProvider clock) : HypermediaController
{
    private const string NotFoundCode = Problems.ProblemCodes.BatchNotFound;
    private const string NotRunningCode = Problems.ProblemCodes.BatchNotRunning;
    private const string UnknownOperationCode = Problems.ProblemCodes.BatchOperationUnknown;

    [HttpGet("/batches")]
    [HttpGet("/batches.{format}")]
    public async Task<Resource> ListAsync([FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var result = await store.QueryBatchesAsync(token.ToRequest(size), cancellationToken);
        var r = CollectionResources.Page(ResourceKinds.BatchCollection, Uris.Batches, [("pageSize", pageSize?.ToString())], size, token, result,
            BatchResources.Summary, "Batches");
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        r.Links.Add(new Link(Rels.Instances, Uris.Instances, "Instances"));
        r.Templates.Add(BatchResources.BatchTemplate(operations));
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    /// <summary>The <c>batch</c> template: <c>operation</c> and the instance list's filter (<c>process</c>, <c>state</c>, <c>businessKey</c>).</summary>
    [HttpPost("/batches")]
    public async Task<IActionResult> CreateAsync(CancellationToken cancellationToken)
    {
        RememberForm("batch", ct => ListAsync(null, null, ct));
        var values = (await RequestValues.ReadAsync(Request, cancellationToken)).Values;
        var name = Text(values, "operation");
        var operation = operations.Find(name) ?? throw new ValidationException(UnknownOperationCode,
            $"'{name}' is not a batch operation; use one of {string.Join(", ", operations.All.Select(o => o.Name).Order(StringComparer.Ordinal))}.",
            [new ValidationError(UnknownOperationCode, "Choose one of the template's options.", "operation")]);
        var state = Text(values, "state");
        if (state is not null && !InstanceStates.All.Contains(state))
        {
            throw new BadRequestException("INVALID_FILTER", $"'{state}' is not an instance state; use one of {string.Join(", ", InstanceStates.All)}.",
                new Dictionary<string, object?> { ["state"] = state });
        }

        var now = clock.GetUtcNow();
        var filter = new BatchFilter(Text(values, "process"), state, Text(values, "businessKey"));
        var batch = await store.CreateBatchAsync(
            new NewBatch(Guid.CreateVersion7(now).ToString("N"), operation.Name, filter, Rights.Name ?? string.Empty, now, settings.Value.MaxInstances),
            cancellationToken);
        wakeUp.Wake();
        return CreatedResource(Uris.Batch(batch.Id), BatchResources.Batch(batch));
    }

    [HttpGet("/batches/{id}")]
    [HttpGet("/batches/{id}.{format}")]
    public async Task<Resource> GetAsync(string id, CancellationToken cancellationToken)
    {
        var r = BatchResources.Batch(await BatchAsync(id, cancellationToken));

        // The batch's Atom form is its progress feed (contract §1: a resource's variants), read only when Atom is chosen.
        r.Extras[AtomOutputFormatter.StandInExtra] = (Func<CancellationToken, Task<Resource>>)(ct => FeedAsync(id, null, ct));
        return r;
    }

    /// <summary>The <c>cancel</c> template: the batch stops after the chunk in progress; what it already changed stays (<c>204</c>).</summary>
    [HttpDelete("/batches/{id}")]
    public async Task<IActionResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var batch = await BatchAsync(id, cancellationToken);
        if (await store.CancelBatchAsync(id, Rights.Name, clock.GetUtcNow(), cancellationToken) is null)
        {
            throw new InvalidStateException(NotRunningCode, $"Batch '{id}' is {(await BatchAsync(id, cancellationToken)).State}; only a running batch can be cancelled.",
                new Dictionary<string, object?> { ["batch"] = id, ["state"] = batch.State });
        }

        return NoContentOrRedirect(Uris.Batch(id));
    }

    /// <summary>The progress feed: one entry when created, one per chunk processed, one at the end; archived per RFC 5005 §4.</summary>
    [HttpGet("/batches/{id}/feed")]
    [HttpGet("/batches/{id}/feed.{format}")]
    [HttpGet("/batches/{id}/feed/archive/{archive:long}")]
    [HttpGet("/batches/{id}/feed/archive/{archive:long}.{format}")]
    public async Task<Resource> FeedAsync(string id, long? archive, CancellationToken cancellationToken)
    {
        var batch = await BatchAsync(id, cancellationToken);
        var feed = new FeedDefinition("batch/" + Uri.EscapeDataString(id), $"Batch {batch.Operation}: progress", new FeedFilter(InstanceId: id),
            Uris.BatchFeed(id), [], Uris.Batch(id));
        var page = archive is { } number
            ? await reader.ArchiveAsync(feed.Filter, number, cancellationToken)
                ?? throw new Problems.HttpProblemException(StatusCodes.Status404NotFound, "FEED_ARCHIVE_NOT_FOUND",
                    $"Archive {number} of this feed is not complete yet (or does not exist); follow the feed's prev-archive links.",
                    new Dictionary<string, object?> { ["archive"] = number })
            : await reader.SubscriptionAsync(feed.Filter, cancellationToken);
        return FeedResources.Feed(feed, page, feedOptions.Value);
    }

    private async Task<BatchRecord> BatchAsync(string id, CancellationToken cancellationToken) =>
        await store.GetBatchAsync(id, cancellationToken)
            ?? throw new NotFoundException(NotFoundCode, $"Batch '{id}' does not exist.", new Dictionary<string, object?> { ["batch"] = id });

    /// <summary>A text field; empty means "not given" (a form's empty select).</summary>
    private static string? Text(Dictionary<string, object?> values, string name) =>
        values.GetValueOrDefault(name)?.ToString() is { Length: > 0 } text ? text.Trim() : null;
}
