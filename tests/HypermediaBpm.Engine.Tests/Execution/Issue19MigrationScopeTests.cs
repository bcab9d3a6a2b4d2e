using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>Migration of multi-instance bodies, boundary catchers and scopes (issue 19), on a real SQLite file.</summary>
public sealed class Issue19MigrationScopeTests
{
    private static readonly CommandContext Operator = new(User: "olga");

    [Fact]
    public async Task Issue19_MultiInstanceTaskWithBoundaryTimer_MigratesWithRenames_AndCompletesOnV2()
    {
        // Arrange: three parallel "approve" tasks under a one-day timer boundary.
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(Model("approve", "late", after: false), null, null, null, CancellationToken.None);
        var instance = await h.StartAsync("approvals");
        var v2 = await h.Engine.DeployAsync(Model("sign", "overdue", after: true), null, null, null, CancellationToken.None);
        var timer = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        var plan = new MigrationPlan(v2.Id, new Dictionary<string, string> { ["approve"] = "sign", ["late"] = "overdue" });

        // Act
        await h.Engine.MigrateInstanceAsync(instance.Id, plan, Operator, CancellationToken.None);
        await h.ReopenAsync();

        // Assert: the body and its three instances moved; the boundary timer kept its due time at the renamed catcher.
        var migrated = await h.InstanceAsync(instance.Id);
        Assert.Equal(4, migrated.Tokens.Count(t => t.ActivityId == "sign"));
        var moved = Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Equal((timer.Id, timer.DueAt, "overdue"), (moved.Id, moved.DueAt, moved.ActivityId));
        var tasks = (await h.TasksAsync(instance.Id)).Where(t => TaskStates.IsActive(t.State)).ToList();
        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(("sign", v2.Id), (t.ActivityId, t.DefinitionId)));

        // Act: the three are done, then v2's extra task.
        foreach (var task in tasks)
        {
            await h.CompleteAsync(task);
        }

        Assert.Empty(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "after"));

        // Assert
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Issue19_UnmappedBoundaryAndDifferentLoopShape_AreEachNamed()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(Model("approve", "late", after: false), null, null, null, CancellationToken.None);
        var instance = await h.StartAsync("approvals");
        await h.Engine.DeployAsync(Model("sign", "overdue", after: true), null, null, null, CancellationToken.None);
        var sequential = await h.Engine.DeployAsync(Model("sign", "overdue", after: false, sequential: true), null, null, null, CancellationToken.None);

        var unmapped = await Assert.ThrowsAsync<ValidationException>(() => h.Engine.MigrateInstanceAsync(instance.Id,
            new MigrationPlan(sequential.Id, new Dictionary<string, string> { ["approve"] = "sign" }), Operator, CancellationToken.None));

        Assert.Equal([("approve", "LOOP_DIFFERS"), ("late", "TARGET_MISSING")], unmapped.Errors.Select(e => (e.Element!, e.Code)).Order());
        Assert.Equal(1, (await h.InstanceAsync(instance.Id)).ProcessVersion);
    }

    [Fact]
    public async Task Issue19_TaskMovedOutOfItsSubprocess_OrOfAnotherKind_IsRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        var flat = MigrationModels.V1
            .Replace("""<userTask id="inner" name="Inner" />""", """<manualTask id="inner" />""", StringComparison.Ordinal)
            .Replace("""<userTask id="review" name="Review" camunda:candidateGroups="clerks" />""", """
                <userTask id="review" name="Review" /><userTask id="innerElsewhere" />
                <sequenceFlow id="f6" sourceRef="fork" targetRef="innerElsewhere" /><sequenceFlow id="j6" sourceRef="innerElsewhere" targetRef="join" />
                """, StringComparison.Ordinal);
        var v2 = await h.Engine.DeployAsync(flat, null, null, null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => h.Engine.MigrateInstanceAsync(instance.Id,
            new MigrationPlan(v2.Id), Operator, CancellationToken.None));
        var moved = await Assert.ThrowsAsync<ValidationException>(() => h.Engine.MigrateInstanceAsync(instance.Id,
            new MigrationPlan(v2.Id, new Dictionary<string, string> { ["inner"] = "innerElsewhere" }), Operator, CancellationToken.None));

        Assert.Equal(("inner", "KIND_DIFFERS"), (Assert.Single(refused.Errors).Element, refused.Errors[0].Code));
        Assert.Equal(("inner", "SCOPE_DIFFERS"), (Assert.Single(moved.Errors).Element, moved.Errors[0].Code));
    }

    [Fact]
    public async Task Issue19_TokenAtAnEventBasedGateway_MigratesEvenWhenItsIncomingFlowIsRenamed()
    {
        // Arrange: only joins count the flow a token came by; an event-based gateway does not.
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(GatewayModel("in1", "Ping"), null, null, null, CancellationToken.None);
        var instance = await h.StartAsync("gateway");
        var v2 = await h.Engine.DeployAsync(GatewayModel("in2", "Pong"), null, null, null, CancellationToken.None);

        // Act
        await h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v2.Id), Operator, CancellationToken.None);
        await h.Engine.CorrelateMessageAsync("Pong", null, new Dictionary<string, object?>(), null, CancellationToken.None);

        // Assert
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal((InstanceStates.Completed, 2), (done.State, done.ProcessVersion));
        Assert.Empty(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
    }

    private static string GatewayModel(string incomingId, string message) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/migration">
          <message id="msg" name="{message}" />
          <process id="gateway" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="{incomingId}" sourceRef="start" targetRef="g" />
            <eventBasedGateway id="g" />
            <sequenceFlow id="toM" sourceRef="g" targetRef="m" />
            <sequenceFlow id="toT" sourceRef="g" targetRef="t" />
            <intermediateCatchEvent id="m"><messageEventDefinition messageRef="msg" /></intermediateCatchEvent>
            <intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="mEnd" sourceRef="m" targetRef="end" />
            <sequenceFlow id="tEnd" sourceRef="t" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private static string Model(string taskId, string boundaryId, bool after, bool sequential = false) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://example.com/migration">
          <process id="approvals" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="{taskId}" />
            <userTask id="{taskId}" name="Approve">
              <multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>
            </userTask>
            <boundaryEvent id="{boundaryId}" attachedToRef="{taskId}">
              <timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition>
            </boundaryEvent>
            <sequenceFlow id="f2" sourceRef="{boundaryId}" targetRef="timedOut" />
            <endEvent id="timedOut" />
            {(after
                ? $"""<sequenceFlow id="f3" sourceRef="{taskId}" targetRef="after" /><userTask id="after" /><sequenceFlow id="f4" sourceRef="after" targetRef="end" />"""
                : $"""<sequenceFlow id="f3" sourceRef="{taskId}" targetRef="end" />""")}
            <endEvent id="end" />
          </process>
        </definitions>
        """;
}
