using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;
using Microsoft.Extensions.Options;
using static HypermediaBpm.Engine.Persistence.TransactionParticipantStates;

namespace HypermediaBpm.Server.Tcc;

/// <summary>
/// The try-confirm/cancel coordinator (Atomikos TCC for REST). Confirming first asks every participant
/// <c>OPTIONS</c> to learn the round trip, and gives up on the whole transaction — cancelling everyone — when any
/// link has expired or would before a confirm could reach it: then nothing is confirmed and there is no heuristic.
/// Otherwise it confirms all side by side, sending a failed or unanswered confirm again until the link expires. What
/// happened is kept as a <see cref="TransactionRecord"/> with every step. Every request goes through the outbound policy
/// (the named client's handler): a participant the policy refuses is never called and is recorded <c>refused</c>, which
/// abandons a confirm like an expired link. At most <c>Tcc:MaxConcurrentCalls</c> requests are in flight at once, and a
/// failed request is recorded as "connection failed" or a timeout, never with the system's message.
/// </summary>
public sealed class TccCoordinator(IHttpClientFactory httpClients, IEngineStore store, TimeProvider clock, IOptions<TccOptions> options, ILogger<TccCoordinator> logger)
{
    /// <summary>The named <see cref="HttpClient"/> the coordinator talks to participants with.</summary>
    public const string HttpClientName = "tcc";

    /// <summary>Requests in flight, over all coordinations: many links (or many coordinations) must not become a burst of calls.</summary>
    private readonly SemaphoreSlim _calls = new(options.Value.MaxConcurrentCalls);

    private TccOptions Options => options.Value;

    /// <param name="instanceId">The instance whose <c>transaction</c> subprocess asks, recorded with the coordination; null for a client.</param>
    public async Task<TransactionRecord> ConfirmAsync(IReadOnlyList<ParticipantLink> links, CancellationToken cancellationToken, string? instanceId = null)
    {
        var c = new Coordination(NewId(), TransactionOperations.Confirm, links, clock) { InstanceId = instanceId };
        c.Step("confirm-requested", detail: links.Count.ToString(CultureInfo.InvariantCulture) + " participant(s)");
        await store.SaveTransactionAsync(c.ToRecord(), cancellationToken).ConfigureAwait(false);

        await Task.WhenAll(Enumerable.Range(0, links.Count).Select(i => MeasureAsync(c, i, cancellationToken))).ConfigureAwait(false);
        var late = Enumerable.Range(0, links.Count).Where(i => c[i].State is Expired or Refused).ToList();
        if (late.Count > 0)
        {
            c.Step("abandoned", detail: "a participant expired or was refused before it could be confirmed; cancelling the others");
            await Task.WhenAll(Enumerable.Range(0, links.Count).Except(late).Select(i => CancelOneAsync(c, i, cancellationToken))).ConfigureAwait(false);
            return await FinishAsync(c, TransactionStates.Cancelled).ConfigureAwait(false);
        }

        await Task.WhenAll(Enumerable.Range(0, links.Count).Select(i => ConfirmOneAsync(c, i, cancellationToken))).ConfigureAwait(false);
        var confirmed = Enumerable.Range(0, links.Count).Count(i => c[i].State == Confirmed);
        var state = confirmed == links.Count ? TransactionStates.Confirmed
            : confirmed == 0 ? TransactionStates.Cancelled
            : TransactionStates.Heuristic;
        if (state == TransactionStates.Heuristic)
        {
            logger.LogWarning("Try-confirm/cancel transaction {Id} is heuristic: {Confirmed} of {Count} participants confirmed", c.Id, confirmed, links.Count);
        }

        return await FinishAsync(c, state).ConfigureAwait(false);
    }

    /// <summary>Cancels every participant (a participant that cannot be reached expires on its own); the outcome is recorded, never refused.</summary>
    public async Task<TransactionRecord> CancelAsync(IReadOnlyList<ParticipantLink> links, CancellationToken cancellationToken, string? instanceId = null)
    {
        var c = new Coordination(NewId(), TransactionOperations.Cancel, links, clock) { InstanceId = instanceId };
        c.Step("cancel-requested", detail: links.Count.ToString(CultureInfo.InvariantCulture) + " participant(s)");
        await Task.WhenAll(Enumerable.Range(0, links.Count).Select(i => CancelOneAsync(c, i, cancellationToken))).ConfigureAwait(false);
        return await FinishAsync(c, TransactionStates.Cancelled).ConfigureAwait(false);
    }

    /// <summary>The <c>OPTIONS</c> round trip: a confirm must be sent at least that long before the link expires.</summary>
    private async Task MeasureAsync(Coordination c, int i, CancellationToken cancellationToken)
    {
        var link = c.Links[i];
        if (clock.GetUtcNow() < link.Expires)
        {
            var started = clock.GetTimestamp();
            using var response = await SendAsync(c, i, HttpMethod.Options, link, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                var latency = (long)Math.Ceiling(clock.GetElapsedTime(started).TotalMilliseconds);
                c.Update(i, p => p with { LatencyMs = latency, LastStatus = (int)response.StatusCode });
                c.Step("options", i, $"{(int)response.StatusCode} in {latency} ms");
            }
        }

        if (c[i].State != Refused && RemainingFor(c, i) <= TimeSpan.Zero)
        {
            c.Update(i, p => p with { State = Expired });
            c.Step("expired", i, "the link expires before a confirm could reach it");
        }
    }

    private async Task ConfirmOneAsync(Coordination c, int i, CancellationToken cancellationToken)
    {
        var delay = Options.RetryDelay;
        while (true)
        {
            if (RemainingFor(c, i) <= TimeSpan.Zero)
            {
                c.Update(i, p => p with { State = TimedOut });
                c.Step("timed-out", i, "no confirm succeeded before the link expired");
                return;
            }

            c.Update(i, p => p with { Attempts = p.Attempts + 1 });
            using (var response = await SendAsync(c, i, HttpMethod.Put, c.Links[i], cancellationToken).ConfigureAwait(false))
            {
                if (response is not null)
                {
                    var status = (int)response.StatusCode;
                    c.Update(i, p => p with { LastStatus = status });
                    if (response.IsSuccessStatusCode)
                    {
                        c.Update(i, p => p with { State = Confirmed });
                        c.Step("confirmed", i, status.ToString(CultureInfo.InvariantCulture));
                        return;
                    }

                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        c.Update(i, p => p with { State = NotFound });
                        c.Step("not-found", i, "the participant timed out or was cancelled");
                        return;
                    }

                    c.Step("confirm-failed", i, status.ToString(CultureInfo.InvariantCulture));
                }
                else if (c[i].State == Refused)
                {
                    return;
                }
            }

            var pause = Min(delay, RemainingFor(c, i));
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
            }

            delay = Min(delay * 2, Options.MaxRetryDelay);
        }
    }

    private async Task CancelOneAsync(Coordination c, int i, CancellationToken cancellationToken)
    {
        c.Update(i, p => p with { Attempts = p.Attempts + 1 });
        using var response = await SendAsync(c, i, HttpMethod.Delete, c.Links[i], cancellationToken).ConfigureAwait(false);
        var status = response is null ? (int?)null : (int)response.StatusCode;
        var state = response is { IsSuccessStatusCode: true } ? Cancelled
            : response?.StatusCode == HttpStatusCode.NotFound ? NotFound
            : CancelFailed;
        if (c[i].State == Refused)
        {
            return;
        }

        c.Update(i, p => p with { State = p.State == Expired ? Expired : state, LastStatus = status });
        c.Step(state == CancelFailed ? "cancel-failed" : "cancelled", i, status?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// One request with a deadline of its own and never past the link's expiry (<c>DELETE</c> excepted: cancelling an
    /// expired link harms no one), once a slot is free. Null when it failed, went unanswered or was refused by the
    /// outbound policy (the participant is then <c>refused</c>), which is recorded as a step. Only the answer's head is
    /// read: the protocol's answers have no body worth having.
    /// </summary>
    private async Task<HttpResponseMessage?> SendAsync(Coordination c, int i, HttpMethod method, ParticipantLink link, CancellationToken cancellationToken)
    {
        if (c[i].State == Refused)
        {
            return null;
        }

        await _calls.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendNowAsync(c, i, method, link, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _calls.Release();
        }
    }

    private async Task<HttpResponseMessage?> SendNowAsync(Coordination c, int i, HttpMethod method, ParticipantLink link, CancellationToken cancellationToken)
    {
        var timeout = method == HttpMethod.Delete ? Options.RequestTimeout : Min(Options.RequestTimeout, link.Expires - clock.GetUtcNow());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1));
        using var request = new HttpRequestMessage(method, link.Uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.Tcc));
        if (method == HttpMethod.Put)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.Tcc);
        }

        try
        {
            return await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            c.Step(method.Method.ToLowerInvariant() + "-timeout", i, $"no answer within {(long)timeout.TotalMilliseconds} ms");
        }
        catch (HttpRequestException ex) when (Integration.OutboundRefusedException.In(ex) is { } refused)
        {
            c.Update(i, p => p with { State = Refused });
            c.Step("refused", i, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation(ex, "Try-confirm/cancel transaction {Id}: {Method} {Uri} failed", c.Id, method, link.Uri);
            c.Step(method.Method.ToLowerInvariant() + "-failed", i, Integration.OutboundFailure.Describe(ex));
        }

        return null;
    }

    /// <summary>Time left to send a confirm: until the link expires, less the measured round trip.</summary>
    private TimeSpan RemainingFor(Coordination c, int i) =>
        c.Links[i].Expires - clock.GetUtcNow() - TimeSpan.FromMilliseconds(c[i].LatencyMs ?? 0);

    /// <remarks>Saved whatever happens to the request: the record is what a person reconciles a heuristic outcome from.</remarks>
    private async Task<TransactionRecord> FinishAsync(Coordination c, string state)
    {
        c.State = state;
        c.Step(state);
        var record = c.ToRecord();
        await store.SaveTransactionAsync(record, CancellationToken.None).ConfigureAwait(false);
        return record;
    }

    private string NewId() => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
