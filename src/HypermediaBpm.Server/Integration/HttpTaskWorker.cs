using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Behaviors.Tasks;
using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Server.Integration;

/// <summary>
/// The server's own worker for HTTP service tasks: it locks their jobs (topic <c>http-connector</c>) like any external
/// worker — so a call never runs inside the request or transaction that reached the task — makes the call, and
/// completes the job with the outputs, or fails it (non-2xx, timeout, unreachable): retried with back-off while
/// retries are left, then an incident. <c>HttpTasks:Enabled=false</c> leaves the calls to another server process.
/// </summary>
public sealed class HttpTaskWorker(ProcessEngine engine, IHttpClientFactory clients, IConfiguration configuration, ILogger<HttpTaskWorker> logger) : BackgroundService
{
    public const string ClientName = "http-tasks";

    private readonly string _workerId = $"{Environment.MachineName}/{Environment.ProcessId}/http";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("HttpTasks:Enabled", true))
        {
            return;
        }

        var parallelism = configuration.GetValue("HttpTasks:Parallelism", 16);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var locked = await engine.LockJobsAsync(
                    new JobLockRequest(ExternalTaskBehavior.HttpConnectorTopic, _workerId, parallelism, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10)), stoppingToken);
                await Task.WhenAll(locked.Select(job => CallAsync(job, stoppingToken)));
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

    private async Task CallAsync(LockedJob locked, CancellationToken stoppingToken)
    {
        var job = locked.Job;
        var process = await engine.GetDeployedAsync(job.DefinitionId, stoppingToken);
        var task = (ServiceTask)process.Node(job.ActivityId);
        HttpServiceCall call;
        try
        {
            call = HttpServiceCall.Prepare(task, process, locked.Variables);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailAsync(job.Id, $"The request of '{task.DisplayName}' cannot be built: {ex.Message}", null, stoppingToken);
            return;
        }

        var what = $"{call.Request.Method} {call.Request.RequestUri}";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(call.Timeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(call.Request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                await FailAsync(job.Id, $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}.", call.RetryBackoff, stoppingToken);
                return;
            }

            using var json = HttpServiceCall.ParseJson(response, body);
            var results = HttpServiceCall.Results(task, process, locked.Variables, response, body, json);
            // A try-confirm/cancel participant's answer: the transaction around the task enlists it.
            var participant = json is null ? null : Tcc.ParticipantLinks.InAnswer(json.RootElement, call.Request.RequestUri!);
            await engine.CompleteJobAsync(job.Id, _workerId, results, participant, CommandContext.Anonymous, stoppingToken);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            await FailAsync(job.Id, $"{what} did not answer within {call.Timeout.TotalSeconds:0.###} s.", call.RetryBackoff, stoppingToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or Engine.Errors.EngineException or InvalidOperationException)
        {
            await FailAsync(job.Id, $"{what} failed: {ex.Message}", call.RetryBackoff, stoppingToken);
        }
        finally
        {
            call.Request.Dispose();
        }
    }

    private async Task FailAsync(string jobId, string message, TimeSpan? backoff, CancellationToken cancellationToken)
    {
        try
        {
            await engine.FailJobAsync(jobId, _workerId, message, null, backoff, CommandContext.Anonymous, cancellationToken);
        }
        catch (Engine.Errors.EngineException ex)
        {
            // The job went away meanwhile (its instance was cancelled, its lock lost): nothing is left to report to.
            logger.LogInformation("HTTP task job {Job} could not be failed: {Reason}", jobId, ex.Message);
        }
    }
}
