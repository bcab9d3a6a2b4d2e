using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// <c>bpm:jobs</c>, the worker protocol over HTTP: a worker follows <c>bpm:jobs</c> with its topic, submits
/// <c>lock</c> (optionally long polling) and then, for each job it got, <c>complete</c>, <c>fail</c> or
/// <c>bpmnError</c> (and <c>extendLock</c> when it needs longer). Every report goes through the engine's command path
/// and counts only while the worker holds the job.
/// </summary>
[Identity.Requires(Identity.Right.WorkJobs)]
public sealed class JobsController(ProcessEngine engine, TimeProvider clock) : HypermediaController
{
    [HttpGet("/jobs")]
    [HttpGet("/jobs.{format}")]
    public async Task<Resource> ListAsync([FromQuery] string? topic, [FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        topic = string.IsNullOrWhiteSpace(topic) ? null : topic;
        var jobs = await engine.Store.QueryJobsAsync(new JobQuery(token.ToRequest(size), topic), cancellationToken);
        var versions = await VersionsAsync(jobs.Items, cancellationToken);
        return JobResources.Collection(jobs, topic, pageSize, size, token, j => versions[j.DefinitionId], clock.GetUtcNow());
    }

    [HttpGet("/jobs/{id}")]
    [HttpGet("/jobs/{id}.{format}")]
    public async Task<Resource> GetAsync(string id, CancellationToken cancellationToken) =>
        await JobAsync(await engine.GetJobAsync(id, cancellationToken), cancellationToken);

    /// <summary>
    /// The <c>lock</c> template: up to <c>maxJobs</c> jobs of the topic, held for <c>lockDuration</c>, embedded with
    /// their variables and templates; with <c>asyncResponseTimeout</c> the answer waits for jobs that long at most, and
    /// is an empty batch (still <c>200</c>) when none came.
    /// </summary>
    [HttpPost("/jobs")]
    public async Task<IActionResult> LockAsync([FromQuery] string? topic, CancellationToken cancellationToken)
    {
        RememberForm("lock", ct => ListAsync(topic, null, null, ct));
        var input = new JobInput(await RequestValues.ReadAsync(Request, cancellationToken), clock.GetUtcNow());
        var bodyTopic = input.Text("topic", required: string.IsNullOrWhiteSpace(topic));
        var worker = input.Text("workerId", required: true);
        var maxJobs = input.Number("maxJobs") ?? 1;
        var lockDuration = input.Duration("lockDuration") ?? TimeSpan.FromMinutes(5);
        var wait = input.Duration("asyncResponseTimeout") ?? TimeSpan.Zero;
        input.ThrowIfInvalid();
        var lockTopic = string.IsNullOrWhiteSpace(topic) ? bodyTopic! : topic;
        Identity.ServerTopics.Refuse(lockTopic);

        var locked = await engine.LockJobsAsync(new JobLockRequest(lockTopic, worker!, maxJobs, lockDuration, wait), cancellationToken);
        var versions = await VersionsAsync(locked.Select(l => l.Job).ToList(), cancellationToken);
        var now = clock.GetUtcNow();
        var answer = JobResources.Locked(lockTopic, worker!, locked.Select(l => (JobResources.Job(l.Job, versions[l.Job.DefinitionId], now), l.Variables)).ToList());
        return ChangedResource(answer);
    }

    /// <summary>The <c>complete</c> template: the worker's variables are set and the instance goes on; answers with the instance.</summary>
    [HttpPost("/jobs/{id}/complete")]
    public async Task<IActionResult> CompleteAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("complete", ct => GetAsync(id, ct));
        Identity.ServerTopics.Refuse((await engine.GetJobAsync(id, cancellationToken)).Topic);
        var input = new JobInput(await RequestValues.ReadAsync(Request, cancellationToken), clock.GetUtcNow());
        var worker = input.Text("workerId", required: true);
        var variables = input.Variables();
        input.ThrowIfInvalid();
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var outcome = await engine.CompleteJobAsync(id, worker!, variables, context, cancellationToken);
        return ChangedResource(await InstancesController.InstanceAsync(engine, outcome, Rights, cancellationToken));
    }

    /// <summary>
    /// The <c>fail</c> template: with retries left the job is released until its back-off runs out; with none an
    /// incident opens at the task. Answers with the job.
    /// </summary>
    [HttpPost("/jobs/{id}/fail")]
    public async Task<IActionResult> FailAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("fail", ct => GetAsync(id, ct));
        Identity.ServerTopics.Refuse((await engine.GetJobAsync(id, cancellationToken)).Topic);
        var input = new JobInput(await RequestValues.ReadAsync(Request, cancellationToken), clock.GetUtcNow());
        var worker = input.Text("workerId", required: true);
        var message = input.Text("errorMessage");
        var retries = input.Number("retries");
        var retryTimeout = input.Duration("retryTimeout");
        input.ThrowIfInvalid();
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        await engine.FailJobAsync(id, worker!, message, retries, retryTimeout, context, cancellationToken);
        return ChangedResource(await GetAsync(id, cancellationToken));
    }

    /// <summary>The <c>bpmnError</c> template: the error is thrown at the task for its boundary events to catch; answers with the instance.</summary>
    [HttpPost("/jobs/{id}/bpmnError")]
    public async Task<IActionResult> BpmnErrorAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("bpmnError", ct => GetAsync(id, ct));
        Identity.ServerTopics.Refuse((await engine.GetJobAsync(id, cancellationToken)).Topic);
        var input = new JobInput(await RequestValues.ReadAsync(Request, cancellationToken), clock.GetUtcNow());
        var worker = input.Text("workerId", required: true);
        var code = input.Text("errorCode", required: true);
        var message = input.Text("errorMessage");
        var variables = input.Variables();
        input.ThrowIfInvalid();
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var outcome = await engine.ThrowJobErrorAsync(id, worker!, code!, message, variables, context, cancellationToken);
        return ChangedResource(await InstancesController.InstanceAsync(engine, outcome, Rights, cancellationToken));
    }

    /// <summary>The <c>extendLock</c> template: the worker holds the job for <c>lockDuration</c> from now; answers with the job.</summary>
    [HttpPost("/jobs/{id}/extendLock")]
    public async Task<IActionResult> ExtendLockAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("extendLock", ct => GetAsync(id, ct));
        Identity.ServerTopics.Refuse((await engine.GetJobAsync(id, cancellationToken)).Topic);
        var input = new JobInput(await RequestValues.ReadAsync(Request, cancellationToken), clock.GetUtcNow());
        var worker = input.Text("workerId", required: true);
        var duration = input.Duration("lockDuration", required: true);
        input.ThrowIfInvalid();
        var job = await engine.ExtendJobLockAsync(id, worker!, duration!.Value, cancellationToken);
        return ChangedResource(await JobAsync(job, cancellationToken));
    }

    private async Task<Resource> JobAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var process = await engine.GetDeployedAsync(job.DefinitionId, cancellationToken);
        return JobResources.Job(job, process.Record.Version, clock.GetUtcNow());
    }

    /// <summary>The process version of each job's definition (deployed definitions are cached by the engine).</summary>
    private async Task<Dictionary<string, int>> VersionsAsync(IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var definitionId in jobs.Select(j => j.DefinitionId).Distinct())
        {
            versions[definitionId] = (await engine.GetDeployedAsync(definitionId, cancellationToken)).Record.Version;
        }

        return versions;
    }
}
