using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Behaviors.Tasks;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// The server's own worker for HTTP service tasks: it locks their jobs (topic <c>http-connector</c>) like any external
/// worker — so a call never runs inside the request or transaction that reached the task — makes each call on its own
/// (at most <c>HttpTasks:MaxConcurrency</c> at once, so one slow service delays no other call), and completes the job
/// with the outputs or fails it. Every way a call can go wrong ends in one of two reports, so no job stays locked:
/// what may work later (a non-2xx answer, a timeout, a failed connection, an answer the outputs cannot use) is retried
/// with back-off while retries are left, then an incident <c>JOB_FAILED</c>; what cannot (a request that cannot be made,
/// a call the outbound policy refuses, an answer too large) is an incident at once, with its own code.
/// </summary>
public sealed class HttpTaskWorker(ProcessEngine engine, IHttpClientFactory clients, IOptions<HttpTaskOptions> options, ILogger<HttpTaskWorker> logger)
    : BackgroundService
{
    public const string ClientName = "http-tasks";

    /// <summary>A call's lock outlasts its longest allowed run by this much, so no other worker takes a job still being called.</summary>
    private static readonly TimeSpan LockMargin = TimeSpan.FromMinutes(1);

    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/http";
    private readonly ConcurrentDictionary<Task, byte> _calls = new();

    private HttpTaskOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
        {
            return;
        }

        var max = Options.MaxConcurrency;
        using var slots = new SemaphoreSlim(max);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await LockAndStartAsync(slots, max, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "The HTTP task worker failed to lock jobs; trying again shortly.");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        finally
        {
            // Calls end soon after the stop (they are cancelled with it); the slots must outlive them.
            await Task.WhenAll(_calls.Keys);
        }
    }

    /// <summary>Waits for a free slot, locks as many jobs as slots are free, and starts a call for each.</summary>
    private async Task LockAndStartAsync(SemaphoreSlim slots, int max, CancellationToken stoppingToken)
    {
        await slots.WaitAsync(stoppingToken);
        var free = 1;
        while (free < max && slots.Wait(0))
        {
            free++;
        }

        IReadOnlyList<LockedJob> locked = [];
        try
        {
            locked = await engine.LockJobsAsync(
                new JobLockRequest(ExternalTaskBehavior.HttpConnectorTopic, _workerId, free, Options.MaxTimeout + LockMargin, TimeSpan.FromSeconds(10)),
                stoppingToken);
        }
        finally
        {
            if (free > locked.Count)
            {
                slots.Release(free - locked.Count);
            }
        }

        foreach (var job in locked)
        {
            var call = Task.Run(async () =>
            {
                try
                {
                    await CallAsync(job, stoppingToken);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None);
            _calls.TryAdd(call, 0);
            _ = call.ContinueWith(done => _calls.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task CallAsync(LockedJob locked, CancellationToken stoppingToken)
    {
        var job = locked.Job;
        var what = $"The call of job {job.Id}";
        TimeSpan? backoff = null;
        try
        {
            var process = await engine.GetDeployedAsync(job.DefinitionId, stoppingToken);
            var task = process.Node(job.ActivityId) as ServiceTask
                ?? throw new HttpCallException(IncidentCodes.HttpRequestInvalid, $"'{job.ActivityId}' is not a service task.");
            var call = HttpServiceCall.Prepare(task, process, locked.Variables);
            (what, backoff) = (call.ToString(), call.RetryBackoff);
            if (await SendAsync(call, job.Id, stoppingToken) is not { } answer)
            {
                return;
            }

            if (!answer.IsSuccess)
            {
                var note = answer.Note is null ? string.Empty : $" ({answer.Note})";
                await FailAsync(job.Id, $"{what} answered {answer.StatusCode} {answer.ReasonPhrase}{note}.", backoff, stoppingToken);
                return;
            }

            using var json = HttpServiceCall.ParseJson(answer);
            var results = HttpServiceCall.Results(task, process, locked.Variables, answer, json);
            // A try-confirm/cancel participant's answer: the transaction around the task enlists it.
            var participant = json is null ? null : Tcc.ParticipantLinks.InAnswer(json.RootElement, answer.Uri);
            await engine.CompleteJobAsync(job.Id, _workerId, results, participant, CommandContext.Anonymous, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lock runs out and a worker of this or another process makes the call again.
        }
        catch (HttpCallException ex)
        {
            await IncidentAsync(job.Id, ex.Message, ex.IncidentCode, stoppingToken);
        }
        catch (Exception ex) when (OutboundRefusedException.In(ex) is { } refused)
        {
            await IncidentAsync(job.Id, $"{what} was {refused.Message}.", IncidentCodes.OutboundRefused, stoppingToken);
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation(ex, "HTTP task job {Job}: {What} failed.", job.Id, what);
            await FailAsync(job.Id, $"{what} failed: {OutboundFailure.Describe(ex)}.", backoff, stoppingToken);
        }
        catch (Engine.Variables.VariableTooLargeException ex)
        {
            // The answer fit HttpTasks:MaxResponseBytes, but an output is over Engine:MaxVariableBytes: the same call gives
            // the same answer, so trying again cannot help.
            await IncidentAsync(job.Id, $"{what} answered, but its output could not be kept: {ex.Message}", IncidentCodes.HttpResponseTooLarge, stoppingToken);
        }
        catch (Exception ex) when (ex is JsonException or ExpressionEvaluationException or Engine.Errors.EngineException or InvalidOperationException)
        {
            await FailAsync(job.Id, $"{what} failed: its answer could not be used: {ex.Message}", backoff, stoppingToken);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "HTTP task job {Job}: {What} failed unexpectedly.", job.Id, what);
            await FailAsync(job.Id, $"{what} failed unexpectedly ({ex.GetType().Name}); the server's log has the details.", backoff, stoppingToken);
        }
    }

    /// <summary>The call's answer; null when it took longer than its timeout (then the job has been failed).</summary>
    private async Task<HttpAnswer?> SendAsync(HttpServiceCall call, string jobId, CancellationToken stoppingToken)
    {
        var max = Options.MaxTimeout;
        var timeout = call.Timeout < max ? call.Timeout : max;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await HttpCallSender.SendAsync(clients.CreateClient(ClientName), call, Options, deadline.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var capped = call.Timeout > max ? $" (it asks for {call.Timeout}; HttpTasks:MaxTimeout allows {max})" : string.Empty;
            await FailAsync(jobId, $"{call} did not answer within {seconds} s{capped}.", call.RetryBackoff, stoppingToken);
            return null;
        }
    }

    /// <summary>An incident at once: trying again cannot help.</summary>
    private Task IncidentAsync(string jobId, string message, string code, CancellationToken cancellationToken) =>
        ReportAsync(jobId, () => engine.FailJobAsync(jobId, _workerId, message, 0, null, code, CommandContext.Anonymous, cancellationToken), cancellationToken);

    private Task FailAsync(string jobId, string message, TimeSpan? backoff, CancellationToken cancellationToken) =>
        ReportAsync(jobId, () => engine.FailJobAsync(jobId, _workerId, message, null, backoff, CommandContext.Anonymous, cancellationToken), cancellationToken);

    private async Task ReportAsync(string jobId, Func<Task<CommandOutcome>> report, CancellationToken cancellationToken)
    {
        try
        {
            await report();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lock runs out and the call is made again.
        }
        catch (Exception ex)
        {
            // The job went away meanwhile (its instance was cancelled, its lock lost), or the store failed: the lock runs
            // out and the job is done again, if it is still there.
            logger.LogInformation("HTTP task job {Job} could not be failed: {Reason}", jobId, ex.Message);
        }
    }
}
