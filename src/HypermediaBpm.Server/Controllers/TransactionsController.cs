using System.Globalization;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using HypermediaBpm.Server.Tcc;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:transactions</c>: the try-confirm/cancel coordinator. <c>confirm</c> answers <c>204</c> when every
/// participant confirmed, <c>404</c> when none did (too late, timed out or cancelled), <c>409</c> when some did and
/// some did not (heuristic: the problem names each one's outcome, and the transaction stays listed as
/// <c>heuristic</c> for a person); <c>cancel</c> always <c>204</c>. Every coordination is a resource.
/// </summary>
[Identity.Requires(Identity.Right.SendEvents)]
public sealed class TransactionsController(TccCoordinator coordinator, IEngineStore store, Microsoft.Extensions.Options.IOptions<TccOptions> options)
    : HypermediaController
{
    [HttpGet("/transactions")]
    [HttpGet("/transactions.{format}")]
    public async Task<Resource> ListAsync([FromQuery] string? state, [FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var result = await store.QueryTransactionsAsync(new TransactionQuery(token.ToRequest(size), string.IsNullOrEmpty(state) ? null : state), cancellationToken);
        var r = CollectionResources.Page(ResourceKinds.TransactionCollection, Uris.Transactions,
            [("state", state), ("pageSize", pageSize?.ToString(CultureInfo.InvariantCulture))], size, token, result, TransactionResources.Transaction, "Transactions");
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        Variants.AddAlternates(r, "hal", "json");
        r.Templates.AddRange(TransactionResources.CoordinatorTemplates());
        return r;
    }

    [HttpGet("/transactions/{id}")]
    [HttpGet("/transactions/{id}.{format}")]
    public async Task<Resource> GetAsync(string id, CancellationToken cancellationToken) =>
        TransactionResources.Transaction(await store.GetTransactionAsync(id, cancellationToken)
            ?? throw new HttpProblemException(StatusCodes.Status404NotFound, "TRANSACTION_NOT_FOUND", $"Transaction '{id}' does not exist.",
                new Dictionary<string, object?> { ["transaction"] = id }));

    [HttpPut("/transactions/confirm")]
    public async Task<IActionResult> ConfirmAsync(CancellationToken cancellationToken)
    {
        RememberForm("confirm", ct => ListAsync(null, null, null, ct));
        var links = await ParticipantLinks.ReadAsync(Request, options.Value.MaxParticipantLinks, cancellationToken);
        var transaction = await coordinator.ConfirmAsync(links, cancellationToken);
        return transaction.State switch
        {
            TransactionStates.Confirmed => Settled(transaction),
            TransactionStates.Heuristic => throw Outcome(transaction, StatusCodes.Status409Conflict, "TRANSACTION_HEURISTIC",
                "Some participants confirmed and some did not: the outcome is heuristic and needs a person."),
            _ => throw Outcome(transaction, StatusCodes.Status404NotFound, "TRANSACTION_NOT_CONFIRMED",
                "No participant confirmed: a link had expired, or every confirm came too late or found its participant gone. The others were cancelled."),
        };
    }

    [HttpPut("/transactions/cancel")]
    public async Task<IActionResult> CancelAsync(CancellationToken cancellationToken)
    {
        RememberForm("cancel", ct => ListAsync(null, null, null, ct));
        var links = await ParticipantLinks.ReadAsync(Request, options.Value.MaxParticipantLinks, cancellationToken);
        return Settled(await coordinator.CancelAsync(links, cancellationToken));
    }

    /// <summary><c>204</c>, pointing at the record of what was done (a form post: <c>303</c> to it).</summary>
    private IActionResult Settled(TransactionRecord transaction)
    {
        Response.Headers.Append("Link", $"<{Uris.Transaction(transaction.Id)}>; rel=\"related\"");
        return NoContentOrRedirect(Uris.Transaction(transaction.Id));
    }

    private static HttpProblemException Outcome(TransactionRecord t, int status, string code, string message) =>
        new(status, code, message, new Dictionary<string, object?>
        {
            ["transaction"] = Uris.Transaction(t.Id),
            ["state"] = t.State,
            ["participants"] = t.Participants.Select(TransactionResources.Participant).ToList(),
        });
}
