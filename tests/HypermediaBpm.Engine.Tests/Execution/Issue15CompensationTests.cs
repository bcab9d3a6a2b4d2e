using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>
/// Compensation (BPMN 2.0 §10.6.5) on a real SQLite file, with the engine reopened (a save and a restore) between the
/// steps: compensation boundary events and their handlers, throw events for all or one activity, reverse order of
/// completion, subprocesses, compensation event subprocesses, and a transaction's cancel end compensating before its
/// participants are cancelled.
/// </summary>
public sealed class Issue15CompensationTests
{
    private static readonly Dictionary<string, object?> None = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Issue15_ThrowWithoutActivityRef_CompensatesEveryCompletedActivity_LastCompletedFirst()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("compensation-throw-all"));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "bookHotel"));
        await h.ReopenAsync();
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "bookFlight"), new Dictionary<string, object?> { ["cancel"] = true });
        await h.ReopenAsync();

        // The flight was booked last, so it is undone first; the throw event waits meanwhile.
        Assert.Equal(["undoFlight"], await OpenTaskActivitiesAsync(h, instance.Id));
        Assert.Contains((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "compensateAll" && t.State == TokenState.Waiting);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "undoFlight"));
        await h.ReopenAsync();
        Assert.Equal(["undoHotel"], await OpenTaskActivitiesAsync(h, instance.Id));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "undoHotel"));

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Empty(done.Compensations);
        var passed = await PassedAsync(h, instance.Id);
        Assert.True(passed.IndexOf("undoFlight") < passed.IndexOf("undoHotel"));
        Assert.True(passed.IndexOf("undoHotel") < passed.IndexOf("cancelled"));
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.CompensationThrown && e.ActivityId == "compensateAll");
    }

    [Fact]
    public async Task Issue15_CompletedActivityWithCompensationBoundary_IsRememberedInTheStoredState_UntilTheInstanceEnds()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("compensation-throw-all"));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "bookHotel"));
        await h.ReopenAsync();

        var record = Assert.Single((await h.InstanceAsync(instance.Id)).Compensations);
        Assert.Equal(("bookHotel", "undoHotel", null), (record.ActivityId, record.HandlerId, record.ScopeId));

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "bookFlight"), new Dictionary<string, object?> { ["cancel"] = false });

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Empty(done.Compensations);
        Assert.DoesNotContain(await PassedAsync(h, instance.Id), a => a is "undoHotel" or "undoFlight");
    }

    [Fact]
    public async Task Issue15_ThrowWithActivityRef_CompensatesOnlyThatActivity_AndACompensationEndTheRest()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("compensation-throw-one"));
        await h.ReopenAsync();

        Assert.Equal(["undoFlight"], await OpenTaskActivitiesAsync(h, instance.Id));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "undoFlight"));
        await h.ReopenAsync();
        Assert.Equal(["review"], await OpenTaskActivitiesAsync(h, instance.Id));

        // The end event compensates what is left: the hotel (the flight was compensated once and for all).
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "review"));
        await h.ReopenAsync();
        Assert.Equal(["undoHotel"], await OpenTaskActivitiesAsync(h, instance.Id));
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "undoHotel"));

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "undoFlight");
    }

    [Fact]
    public async Task Issue15_CompensatingACompletedSubprocess_UndoesWhatCompletedInsideIt_InReverseOrder_ThenWhatCameBefore()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("compensation-subprocess"));
        await h.ReopenAsync();
        var kept = Assert.Single((await h.InstanceAsync(instance.Id)).Compensations, r => r.ActivityId == "booking");
        Assert.Null(kept.HandlerId);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "pay"));
        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await h.ReopenAsync();
            var task = Assert.Single(await h.TasksAsync(instance.Id), t => TaskStates.IsActive(t.State));
            order.Add(task.ActivityId);
            await h.CompleteAsync(task);
        }

        Assert.Equal(["undoFlight", "undoHotel", "undoFirst"], order);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Issue15_CompensationEventSubprocess_UndoesItsSubprocess_AndItsThrowUndoesWhatCompletedInside()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("compensation-event-subprocess"));
        await h.ReopenAsync();

        // The subprocess's own compensation event subprocess runs instead of the default.
        Assert.Equal(["apologise"], await OpenTaskActivitiesAsync(h, instance.Id));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "apologise"));
        await h.ReopenAsync();
        Assert.Equal(["undoHotel"], await OpenTaskActivitiesAsync(h, instance.Id));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "undoHotel"));

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        var passed = await PassedAsync(h, instance.Id);
        Assert.Equal(["apologise", "undoHotel", "undoInside", "undoEnd", "undoBooking", "undo", "end"],
            passed.SkipWhile(a => a != "apologise").ToList());
    }

    [Fact]
    public async Task Issue15_TransactionCancelEnd_CompensatesWhatCompletedInside_BeforeItsParticipantsAreCancelled()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("compensation-transaction"));
        var job = Assert.Single(await h.Engine.LockJobsAsync(new JobLockRequest("reserve", "w", 1, TimeSpan.FromMinutes(1)), Ct)).Job;
        await h.Engine.CompleteJobAsync(job.Id, "w", None, new ParticipantLink(new Uri("http://hotel.example/try/1"), h.Clock.GetUtcNow().AddMinutes(5)), CommandContext.Anonymous, Ct);
        await h.ReopenAsync();
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "decide"));
        await h.ReopenAsync();

        // The cancel end waits for the handler; nothing is cancelled yet.
        Assert.Equal(["undoReserve"], await OpenTaskActivitiesAsync(h, instance.Id));
        Assert.Empty(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        Assert.DoesNotContain(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.TransactionCancelling);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "undoReserve"));

        var ended = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, ended.State);
        var cancel = Assert.Single(await h.Engine.GetJobsAsync(TransactionJobs.Topic, 10, Ct));
        Assert.Equal(TransactionJobs.Cancel, ProcessEngine.WorkOf(cancel).Operation);
        var history = (await h.HistoryAsync(instance.Id)).ToList();
        var undone = history.FindIndex(e => e.ActivityId == "undoReserve" && e.Type is HistoryTypes.ActivityCompleted or HistoryTypes.ActivityPassed);
        var cancelling = history.FindIndex(e => e.Type == HistoryTypes.TransactionCancelling);
        Assert.True(undone >= 0 && undone < cancelling, $"handler done at {undone}, participants cancelled at {cancelling}");
        Assert.Contains(history, e => e.ActivityId == "cancelledEnd");
        Assert.DoesNotContain(history, e => e.ActivityId == "end");
    }

    [Fact]
    public async Task Issue15_CompensationBoundaryWithoutHandler_IsRefusedAtDeploy()
    {
        await using var h = await EngineHarness.CreateAsync();
        var xml = EngineHarness.Fixture("compensation-throw-all").Replace("<association id=\"a1\" sourceRef=\"hotelComp\" targetRef=\"undoHotel\" />", string.Empty, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<Errors.ValidationException>(() => h.Engine.DeployAsync(xml, null, null, null, Ct));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(("UNSUPPORTED_ELEMENT", "bookHotel"), (problem.Code, problem.Element));
        Assert.True(problem.Line > 0);
    }

    private static async Task<List<string>> OpenTaskActivitiesAsync(EngineHarness h, string instanceId) =>
        (await h.TasksAsync(instanceId)).Where(t => TaskStates.IsActive(t.State)).Select(t => t.ActivityId).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> PassedAsync(EngineHarness h, string instanceId) =>
        (await h.HistoryAsync(instanceId))
            .Where(e => e.ActivityId is not null && e.Type is HistoryTypes.ActivityCompleted or HistoryTypes.ActivityPassed)
            .Select(e => e.ActivityId!)
            .ToList();
}
