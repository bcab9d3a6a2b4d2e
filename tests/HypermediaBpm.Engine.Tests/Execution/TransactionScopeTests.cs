using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>
/// <c>transaction</c> subprocesses as try-confirm/cancel scopes, on a real SQLite file: participants enlisted by worker
/// completions, the coordinator jobs the scope leaves (confirm on completion; cancel on a cancel end, an error, an
/// instance cancel), and what each outcome the coordinator reports does to the instance. The coordinator itself (HTTP)
/// is the server's and is tested there; here its outcome is the record it would report.
/// </summary>
public sealed class TransactionScopeTests
{
    private static readonly Dictionary<string, object?> None = new();
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string A = "http://a.example/try/1";
    private const string B = "http://b.example/try/2";

    [Fact]
    public async Task Completed_WithTwoParticipants_WaitsForTheirConfirmation_ThenLeaves()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("ok"));

        var waiting = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Running, waiting.State);
        var scope = Assert.Single(waiting.Tokens);
        Assert.Equal(("book", TokenState.Waiting), (scope.ActivityId, scope.State));
        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        var work = ProcessEngine.WorkOf(job);
        Assert.Equal(TransactionJobs.Confirm, work.Operation);
        Assert.Equal([(A, "reserve_a"), (B, "reserve_b")], work.Participants.Select(p => (p.Uri, p.ActivityId)));

        await ReportAsync(h, job, TransactionStates.Confirmed);

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        var history = await h.HistoryAsync(instance.Id);
        Assert.Equal(2, history.Count(e => e.Type == HistoryTypes.ParticipantEnlisted));
        Assert.Contains(history, e => e.Type == HistoryTypes.TransactionConfirming && e.ActivityId == "book");
        Assert.Contains(history, e => e.Type == HistoryTypes.TransactionConfirmed && e.DataJson!.Contains("\"tx-1\"", StringComparison.Ordinal));
        Assert.Contains(history, e => e.ActivityId == "done");
        Assert.Null(await h.Store.GetJobAsync(job.Id, Ct));
    }

    [Fact]
    public async Task Completed_WithoutParticipants_LeavesAtOnce()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("transaction-tcc"));
        await CompleteReserveAsync(h, null);
        await CompleteReserveAsync(h, null);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("ok"));

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Empty(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
    }

    [Fact]
    public async Task CancelEndEvent_CancelsTheParticipants_AndTakesTheCancelBoundary()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("no"));

        var ended = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, ended.State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ActivityId == "cancelled");
        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        Assert.Equal((TransactionJobs.Cancel, 2), (ProcessEngine.WorkOf(job).Operation, ProcessEngine.WorkOf(job).Participants.Count));

        // The coordinator's outcome lands in the history of the instance, which has ended meanwhile.
        await ReportAsync(h, job, TransactionStates.Cancelled, TransactionOperations.Cancel);

        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.TransactionCancelled);
        Assert.Null(await h.Store.GetJobAsync(job.Id, Ct));
    }

    [Fact]
    public async Task ErrorEndEvent_CaughtOnTheTransaction_CancelsTheParticipants()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("error"));

        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ActivityId == "errored");
        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        Assert.Equal(TransactionJobs.Cancel, ProcessEngine.WorkOf(job).Operation);
    }

    [Fact]
    public async Task InstanceCancelled_WhileTheTransactionRuns_CancelsItsParticipants()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);

        await h.Engine.CancelAsync(instance.Id, CommandContext.Anonymous, Ct);

        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        Assert.Equal([A, B], ProcessEngine.WorkOf(job).Participants.Select(p => p.Uri));
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.TransactionCancelling);
    }

    [Fact]
    public async Task InstanceCancelled_WhileItsParticipantsAreBeingConfirmed_TheConfirmGoesAndTheyAreCancelled()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("ok"));
        var confirm = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));

        await h.Engine.CancelAsync(instance.Id, CommandContext.Anonymous, Ct);

        Assert.Null(await h.Store.GetJobAsync(confirm.Id, Ct));
        var cancel = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        Assert.Equal(TransactionJobs.Cancel, ProcessEngine.WorkOf(cancel).Operation);
    }

    [Fact]
    public async Task Heuristic_IsAnIncidentThatCannotBeRetried_AndResolvingItGoesOn()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("ok"));
        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));

        await ReportAsync(h, job, TransactionStates.Heuristic);

        var failed = await h.InstanceAsync(instance.Id);
        var incident = Assert.Single(failed.Incidents);
        Assert.Equal((IncidentCodes.TransactionHeuristic, "book"), (incident.Code, incident.ActivityId));
        Assert.Contains("1 of 2", incident.Message, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<InvalidStateException>(() =>
            h.Engine.RetryIncidentAsync(instance.Id, incident.Id, None, CommandContext.Anonymous, Ct));
        Assert.Equal("INCIDENT_NOT_RETRYABLE", refused.Code);

        await h.Engine.ResolveIncidentAsync(instance.Id, incident.Id, None, CommandContext.Anonymous, Ct);

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.TransactionHeuristic);
    }

    [Fact]
    public async Task NotConfirmed_WithACancelBoundary_TakesIt_WithoutCancellingAgain()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("ok"));
        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));

        await ReportAsync(h, job, TransactionStates.Cancelled);

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ActivityId == "cancelled");
        Assert.Empty(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
    }

    [Fact]
    public async Task NotConfirmed_WithoutACancelBoundary_IsAnIncident_WhoseRetryRunsTheTransactionAgain()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("transaction-plain"));
        await CompleteReserveAsync(h, A);
        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        await ReportAsync(h, job, TransactionStates.Cancelled);
        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);
        Assert.Equal(IncidentCodes.TransactionNotConfirmed, incident.Code);

        await h.Engine.RetryIncidentAsync(instance.Id, incident.Id, None, CommandContext.Anonymous, Ct);
        await CompleteReserveAsync(h, B);
        var again = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        await ReportAsync(h, again, TransactionStates.Confirmed);

        Assert.Equal([B], ProcessEngine.WorkOf(again).Participants.Select(p => p.Uri));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task ParticipantLink_OutsideAnyTransaction_IsIgnored()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await h.Engine.LockJobsAsync(new JobLockRequest("payments", "w", 1, TimeSpan.FromMinutes(1)), Ct)).Job;

        await h.Engine.CompleteJobAsync(job.Id, "w", None, new ParticipantLink(new Uri(A), h.Clock.GetUtcNow().AddMinutes(1)), CommandContext.Anonymous, Ct);

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.DoesNotContain(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.ParticipantEnlisted);
        Assert.Empty(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
    }

    [Fact]
    public async Task EnlistedParticipants_SurviveAReopenedStore()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await ReserveBothAsync(h);

        await h.ReopenAsync();
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"), Outcome("ok"));

        var job = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        Assert.Equal([A, B], ProcessEngine.WorkOf(job).Participants.Select(p => p.Uri));
    }

    [Theory]
    [InlineData("<subProcess id=\"s\"><startEvent id=\"ss\" /><sequenceFlow id=\"sf\" sourceRef=\"ss\" targetRef=\"c\" /><endEvent id=\"c\"><cancelEventDefinition /></endEvent></subProcess>", "c")]
    [InlineData("<transaction id=\"s\"><startEvent id=\"ss\" /><sequenceFlow id=\"sf\" sourceRef=\"ss\" targetRef=\"c\" /><endEvent id=\"c\"><cancelEventDefinition /></endEvent></transaction>", "c")]
    [InlineData("<subProcess id=\"s\"><startEvent id=\"ss\" /></subProcess><boundaryEvent id=\"b\" attachedToRef=\"s\"><cancelEventDefinition /></boundaryEvent>", "b")]
    public async Task CancelEvents_OutsideTheirPlace_AreRefusedAtDeployWithTheirLine(string elements, string refused)
    {
        await using var h = await EngineHarness.CreateAsync();
        var xml = $"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="s" />
                {elements}
              </process>
            </definitions>
            """;

        var error = await Assert.ThrowsAsync<ValidationException>(() => h.Engine.DeployAsync(xml, null, null, null, Ct));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(("UNSUPPORTED_ELEMENT", refused, 5), (problem.Code, problem.Element, problem.Line));
    }

    private static Dictionary<string, object?> Outcome(string outcome) => new() { ["outcome"] = outcome };

    /// <summary>Starts the transaction model and completes both reservation jobs, the first answering with A, the second with B.</summary>
    private static async Task<ProcessInstance> ReserveBothAsync(EngineHarness h)
    {
        var instance = await h.StartAsync(await h.DeployAsync("transaction-tcc"));
        await CompleteReserveAsync(h, A);
        await CompleteReserveAsync(h, B);
        return instance;
    }

    private static async Task CompleteReserveAsync(EngineHarness h, string? participant)
    {
        var job = Assert.Single(await h.Engine.LockJobsAsync(new JobLockRequest("reserve", "w", 1, TimeSpan.FromMinutes(1)), Ct)).Job;
        if (participant is null)
        {
            await h.Engine.CompleteJobAsync(job.Id, "w", None, CommandContext.Anonymous, Ct);
        }
        else
        {
            await h.Engine.CompleteJobAsync(job.Id, "w", None, new ParticipantLink(new Uri(participant), h.Clock.GetUtcNow().AddMinutes(1)), CommandContext.Anonymous, Ct);
        }
    }

    /// <summary>What the coordinator does once it has an outcome: lock the job and report it (1 of 2 confirmed when heuristic).</summary>
    private static async Task ReportAsync(EngineHarness h, JobRecord job, string state, string operation = TransactionOperations.Confirm)
    {
        var locked = Assert.Single(await h.Engine.LockJobsAsync(new JobLockRequest(TransactionJobs.Topic, "coordinator", 1, TimeSpan.FromMinutes(1)), Ct)).Job;
        Assert.Equal(job.Id, locked.Id);
        var now = h.Clock.GetUtcNow();
        var participants = ProcessEngine.WorkOf(job).Participants
            .Select((p, i) => new TransactionParticipant(p.Uri, p.Expires,
                state == TransactionStates.Heuristic && i > 0 ? TransactionParticipantStates.TimedOut
                : state == TransactionStates.Confirmed || state == TransactionStates.Heuristic ? TransactionParticipantStates.Confirmed
                : TransactionParticipantStates.Cancelled))
            .ToList();
        var outcome = new TransactionRecord("tx-1", operation, state, now, now, participants, []);
        await h.Engine.CompleteTransactionJobAsync(job.Id, "coordinator", outcome, CommandContext.Anonymous, Ct);
    }
}
