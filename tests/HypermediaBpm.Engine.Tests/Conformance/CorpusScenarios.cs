namespace HypermediaBpm.Engine.Tests.Conformance;

/// <summary>One run of a corpus model: how it starts, what the test does, what must hold at the end.</summary>
public sealed record CorpusScenario(
    string File,                 // file name in execute/, e.g. "camunda-ErrorEndEventTest.testError.bpmn20.xml"
    string Case,                 // short name of the case, e.g. "error caught by boundary"
    string ProcessId,            // the executable process to start (bpmn process id)
    Start Start,                 // how the instance starts
    IReadOnlyList<Step> Steps,   // what the test does, in order
    Outcome Outcome,             // what must hold at the end
    IReadOnlyList<string>? Deploy = null); // other corpus files to deploy first (e.g. a called process)

/// <summary>How a scenario's instance starts.</summary>
public abstract record Start;

/// <summary>A plain start (<c>POST start</c>) with optional variables.</summary>
public sealed record NoneStart(IReadOnlyDictionary<string, object?>? Variables = null) : Start;   // POST start

/// <summary>The instance is started by publishing a message that a message start event waits for.</summary>
public sealed record MessageStart(string MessageName, IReadOnlyDictionary<string, object?>? Variables = null) : Start;

/// <summary>The instance is started by broadcasting a signal that a signal start event waits for.</summary>
public sealed record SignalStart(string SignalName) : Start;

/// <summary>Deploying schedules a timer start event; the clock is advanced by <paramref name="Advance"/> to start the instance.</summary>
public sealed record TimerStart(TimeSpan Advance) : Start;   // deploying schedules it; advance the clock by this much

/// <summary>One thing the test does to a running instance, or checks on it.</summary>
public abstract record Step;

/// <summary>Completes the open task of that activity (the first one when there are several).</summary>
public sealed record CompleteTask(string ActivityId, IReadOnlyDictionary<string, object?>? Variables = null) : Step; // the open user task of that activity (first one when several)

/// <summary>Completes every open task of that activity.</summary>
public sealed record CompleteAllTasks(string ActivityId, IReadOnlyDictionary<string, object?>? Variables = null) : Step; // every open task of that activity

/// <summary>Completes the job of an external (Zeebe-style) service task.</summary>
public sealed record CompleteJob(string ActivityId, IReadOnlyDictionary<string, object?>? Variables = null) : Step;  // external/zeebe service task job

/// <summary>Publishes a message by name, with an optional correlation key.</summary>
public sealed record PublishMessage(string Name, string? CorrelationKey = null, IReadOnlyDictionary<string, object?>? Variables = null) : Step;

/// <summary>Broadcasts a signal by name.</summary>
public sealed record BroadcastSignal(string Name) : Step;

/// <summary>Advances the clock and fires every timer due by then.</summary>
public sealed record AdvanceClock(TimeSpan By) : Step;      // and fire every timer due by then

/// <summary>Asserts, mid-run, where tokens wait.</summary>
public sealed record ExpectWaitingAt(params string[] ActivityIds) : Step; // assertion mid-run: the set of activities holding a waiting token (multiset: repeat an id for two tokens)

/// <summary>Asserts, mid-run, how many tasks of an activity are open.</summary>
public sealed record ExpectOpenTasks(string ActivityId, int Count) : Step;

/// <summary>What must hold when a scenario's steps are done.</summary>
public sealed record Outcome(
    string State,                        // "completed", "running", "failed", "terminated"
    IReadOnlyList<string> Reached,       // activity ids that must appear as completed/passed in the history (events and gateways included)
    IReadOnlyList<string>? NotReached = null,     // activity ids that must never have been entered
    IReadOnlyDictionary<string, object?>? Variables = null, // variables that must have these values at the end
    IReadOnlyList<string>? WaitingAt = null);     // for State "running": where tokens wait

/// <summary>A corpus model the engine does not run, and exactly why (also listed in docs/bpmn-support.md).</summary>
public sealed record NotRunnable(string File, string Why);

/// <summary>
/// The expected runs of the executable corpus (<c>../shared/bpmn-corpus/execute/</c>), one or more scenarios per
/// file, taken from the "expected run" column of the corpus README under BPMN 2.0 semantics. Files are in
/// ordinal name order and the scenarios of one file are together. Every file is in <see cref="All"/>, in
/// <see cref="Excluded"/>, or in both (when only some of its cases can run here).
/// </summary>
/// <remarks>
/// Conventions the scenarios follow:
/// <list type="bullet">
/// <item><description><see cref="ExpectWaitingAt"/> and <see cref="Outcome.WaitingAt"/> name the flow nodes where a token
/// waits: user and receive tasks, service-task jobs, catch events, an event-based gateway (its token waits there while
/// its events are subscribed), and a parallel join that holds a token waiting for the others. An embedded subprocess
/// around waiting tokens is a scope and is not listed.</description></item>
/// <item><description><see cref="Outcome.Reached"/> and <see cref="Outcome.NotReached"/> are about the started
/// instance. An activity that was entered and then interrupted or cancelled (a subprocess left through an interrupting
/// boundary event, a task withdrawn by an event subprocess) is in neither list.</description></item>
/// <item><description>A receive task without <c>messageRef</c> has no message to correlate; it is triggered with
/// <see cref="CompleteTask"/> on its activity id (Camunda's <c>trigger</c> of the waiting execution).</description></item>
/// <item><description>Service tasks with a Zeebe task definition, and service tasks with no implementation at all, are
/// external jobs completed with <see cref="CompleteJob"/> by activity id; as the README says, each job simply completes.
/// A send task without an implementation completes once its message is sent.</description></item>
/// <item><description>Variable values use the engine's value model: <c>long</c> for whole numbers, <c>double</c>,
/// <c>bool</c>, <c>string</c>, <c>List&lt;object?&gt;</c>.</description></item>
/// </list>
/// </remarks>
public static class CorpusScenarios
{
    /// <summary>Every scenario, grouped by file in file-name order.</summary>
    public static IReadOnlyList<CorpusScenario> All { get; } =
    [
        // ---------------------------------------------------------------- bpmnelements-bound-error-and-timer.bpmn

        // README: "`input` truthy and ≠ 2: the script completes and the run ends at `end`."
        new(
            "bpmnelements-bound-error-and-timer.bpmn",
            "input truthy: script completes",
            "boundErrorProcess",
            new NoneStart(new Dictionary<string, object?> { ["input"] = 1L }),
            [],
            new Outcome("completed",
                Reached: ["start", "scriptTask", "end"],
                NotReached: ["errorEvent", "endInError", "timerEvent", "timedEndEvent"])),

        // README: "`input` missing: the script fails ... bpmn-engine routes any script error here; a strict engine
        // catches only a BPMN error with code 404 and otherwise raises an incident."
        // The script calls next(new Error("Input is missing")): a script failure, not BPMN error 404, so under the
        // spec the error boundary does not catch it and the instance holds an incident at `scriptTask`.
        new(
            "bpmnelements-bound-error-and-timer.bpmn",
            "input missing: script failure is an incident, not error 404",
            "boundErrorProcess",
            new NoneStart(),
            [],
            new Outcome("failed",
                Reached: ["start"],
                NotReached: ["errorEvent", "endInError", "end", "timedEndEvent"])),

        // ---------------------------------------------------------------- bpmnelements-boundary-non-interupting-timer.bpmn

        // README: "The timer fires while `userTask` waits and sends one token to `join`; the task stays active.
        // Completing `userTask` sends the second token, so `join` → end and the instance completes."
        new(
            "bpmnelements-boundary-non-interupting-timer.bpmn",
            "timer fires before the task is completed",
            "Process_1",
            new NoneStart(),
            [
                new ExpectWaitingAt("userTask"),
                new AdvanceClock(TimeSpan.FromMilliseconds(10)),
                new ExpectWaitingAt("userTask", "join"),
                new ExpectOpenTasks("userTask", 1),
                new CompleteTask("userTask"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "userTask", "boundaryEvent", "join", "EndEvent_04z4jtj"])),

        // README: "If the task is completed before the timer fires, the join never gets its second token and the
        // instance hangs. That is a flaw of the model, not of the engine."
        new(
            "bpmnelements-boundary-non-interupting-timer.bpmn",
            "task completed before the timer: join hangs",
            "Process_1",
            new NoneStart(),
            [
                new CompleteTask("userTask"),
                new AdvanceClock(TimeSpan.FromMilliseconds(10)),
            ],
            new Outcome("running",
                Reached: ["StartEvent_1", "userTask"],
                NotReached: ["boundaryEvent", "EndEvent_04z4jtj"],
                WaitingAt: ["join"])),

        // ---------------------------------------------------------------- bpmnelements-call-activity.bpmn

        // README: "`start` → `call-activity` runs `called-process` (one task, no start event) → returns → `end`.
        // Caveat: `called-process` has `isExecutable="false"`. bpmn-engine calls it anyway; Camunda would fail to
        // resolve it." This engine does what Camunda does: only a file's executable process is deployed, calls
        // resolve deployed processes by key, so the call finds nothing and the call activity holds an incident
        // (CALLED_PROCESS_NOT_FOUND), which a person can retry once `called-process` is deployed.
        new(
            "bpmnelements-call-activity.bpmn",
            "called process not executable: incident at the call activity",
            "Process_1",
            new NoneStart(),
            [],
            new Outcome("failed",
                Reached: ["start"],
                NotReached: ["end"])),

        // ---------------------------------------------------------------- bpmnelements-engine-issue-180.bpmn

        // README: "Services succeed: `join` → `end`."
        new(
            "bpmnelements-engine-issue-180.bpmn",
            "both services succeed",
            "process-on-error",
            new NoneStart(),
            [
                new ExpectWaitingAt("Activity_1", "Activity_2"),
                new CompleteJob("Activity_1"),
                new CompleteJob("Activity_2"),
            ],
            new Outcome("completed",
                Reached: ["start", "fork", "Activity_1", "Activity_2", "join", "end"],
                NotReached: ["catch-error-1", "catch-error-2", "end-error-1", "end-error-2", "start-on-error", "on-error-task", "on-error-end"])),

        // ---------------------------------------------------------------- bpmnelements-event-based-gateway-with-same-target.bpmn

        // README: "The instance waits at the gateway. Broadcasting signal `signalEvent`: `signalEvent` → `Task_1pfzr39`
        // → `end`, and the timer is cancelled."
        new(
            "bpmnelements-event-based-gateway-with-same-target.bpmn",
            "signal wins",
            "Process_0",
            new NoneStart(),
            [
                new ExpectWaitingAt("gateway"),
                new BroadcastSignal("signalEvent"),
            ],
            new Outcome("completed",
                Reached: ["start", "gateway", "signalEvent", "Task_1pfzr39", "end"],
                NotReached: ["timerEvent"])),

        // README: "If the timer fires after 1 h: `timerEvent` → the same task → `end`, and the signal subscription is
        // removed."
        new(
            "bpmnelements-event-based-gateway-with-same-target.bpmn",
            "timer wins after 1 h",
            "Process_0",
            new NoneStart(),
            [
                new ExpectWaitingAt("gateway"),
                new AdvanceClock(TimeSpan.FromHours(1)),
            ],
            new Outcome("completed",
                Reached: ["start", "gateway", "timerEvent", "Task_1pfzr39", "end"],
                NotReached: ["signalEvent"])),

        // ---------------------------------------------------------------- bpmnelements-messaging.bpmn

        // README: "`main-process`: `prepareMessage` (user) waits → `ping` (send; outputs `from` and `to`) →
        // `EndEvent_1099nj2`. `participant-process` (`pong` receive task) is not executable and is not started."
        // `from` is `${environment.variables.user}` (read as the variable `user`); `to` is the empty output parameter
        // of `prepareMessage`, so null.
        new(
            "bpmnelements-messaging.bpmn",
            "send task completes, receiving pool not started",
            "main-process",
            new NoneStart(new Dictionary<string, object?> { ["user"] = "kermit" }),
            [
                new ExpectWaitingAt("prepareMessage"),
                new CompleteTask("prepareMessage"),
                new ExpectWaitingAt("ping"),
                new CompleteJob("ping"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "prepareMessage", "ping", "EndEvent_1099nj2"],
                NotReached: ["pong", "EndEvent_06jrogk"],
                Variables: new Dictionary<string, object?> { ["from"] = "kermit", ["to"] = null })),

        // ---------------------------------------------------------------- bpmnelements-signal-after-signal.bpmn

        // README: "The throw happens before the catch subscribes, so the instance does **not** catch its own signal
        // and waits at `Event_1kv9ixt`. A later broadcast of `Signal_1` → end."
        new(
            "bpmnelements-signal-after-signal.bpmn",
            "own signal not caught, later broadcast caught",
            "Process_08zh216",
            new NoneStart(),
            [
                new ExpectWaitingAt("Event_1kv9ixt"),
                new BroadcastSignal("Signal_1"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "Event_1wqhk3t", "Event_1kv9ixt", "Event_0vwposa"])),

        // ---------------------------------------------------------------- bpmnelements-sub-process.bpmn

        // README: "`subProcess` → `subUserTask` waits. On completion, `subScriptTask` sets `subScript = true` and
        // completes (it hangs if `input == 127`). The subprocess ends → `theEnd`."
        // The path runs; `subScript` is not asserted (see Excluded: assigning to environment.variables is bpmn-engine only).
        new(
            "bpmnelements-sub-process.bpmn",
            "subprocess without start event",
            "mainProcess",
            new NoneStart(),
            [
                new ExpectWaitingAt("subUserTask"),
                new CompleteTask("subUserTask"),
            ],
            new Outcome("completed",
                Reached: ["theStart", "subProcess", "subUserTask", "subScriptTask", "theEnd"])),

        // ---------------------------------------------------------------- bpmnelements-throw-compensate.bpmn

        // README: "`task` completes → the throw compensates the transaction scope, so `compensation` runs once →
        // `Event_1szux99` → the transaction completes → `Event_1ej3c7t`." (waitForCompletion="false" runs as true: the
        // throw waits for the handler, which here passes at once.)
        new(
            "bpmnelements-throw-compensate.bpmn",
            "throw compensates the transaction scope",
            "Process_02djzv6",
            new NoneStart(),
            [],
            new Outcome("completed",
                Reached: ["StartEvent_1", "Event_1ex1141", "task", "Event_119i9hp", "compensation", "Event_1szux99", "Activity_02xmc5t", "Event_1ej3c7t"])),

        // ---------------------------------------------------------------- bpmnelements-timer-event.bpmn

        // README: "`task1` → wait about 50 ms at `duration` → `task2` → `end`."
        new(
            "bpmnelements-timer-event.bpmn",
            "intermediate timer PT0.05S",
            "timerProcess",
            new NoneStart(),
            [
                new ExpectWaitingAt("duration"),
                new AdvanceClock(TimeSpan.FromMilliseconds(50)),
            ],
            new Outcome("completed",
                Reached: ["start", "task1", "duration", "task2", "end"])),

        // ---------------------------------------------------------------- camunda-BoundaryTimerNonInterruptingEventTest.testTimerOnEmbeddedSubprocess.bpmn20.xml

        // README: "`UserTask_1` (assignee kermit) waits inside the subprocess. After 3 s, `UserTask_2` is created as
        // well and `UserTask_1` stays. The instance ends only after both are completed: `UserTask_1` → `EndEvent_1` →
        // `EndEvent_5`, and `UserTask_2` → `EndEvent_2`."
        new(
            "camunda-BoundaryTimerNonInterruptingEventTest.testTimerOnEmbeddedSubprocess.bpmn20.xml",
            "non-interrupting timer on subprocess",
            "nonInterruptingTimerOnEmbeddedSubprocess",
            new NoneStart(),
            [
                new ExpectWaitingAt("UserTask_1"),
                new AdvanceClock(TimeSpan.FromSeconds(3)),
                new ExpectWaitingAt("UserTask_1", "UserTask_2"),
                new CompleteTask("UserTask_1"),
                new ExpectWaitingAt("UserTask_2"),
                new CompleteTask("UserTask_2"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "SubProcess_2", "StartEvent_2", "UserTask_1", "EndEvent_1", "EndEvent_5", "BoundaryEvent_1", "UserTask_2", "EndEvent_2"])),

        // ---------------------------------------------------------------- camunda-CompensateEventTest.activityWithCompensationEndEvent.bpmn20.xml

        // README: "`bookHotel` and `bookFlight` complete → `join` → `end` compensates only `bookHotel`. User task
        // `undoBookHotel` is created while the end event waits (activity tree: `end` + `undoBookHotel`). Completing it
        // ends the process. `undoBookFlight` is never created."
        new(
            "camunda-CompensateEventTest.activityWithCompensationEndEvent.bpmn20.xml",
            "compensation end event with activityRef",
            "compensateProcess",
            new NoneStart(),
            [
                new ExpectWaitingAt("end", "undoBookHotel"),
                new ExpectOpenTasks("undoBookFlight", 0),
                new CompleteTask("undoBookHotel"),
            ],
            new Outcome("completed",
                Reached: ["start", "fork", "bookHotel", "bookFlight", "join", "undoBookHotel", "end"],
                NotReached: ["undoBookFlight"])),

        // ---------------------------------------------------------------- camunda-ErrorEndEventTest.testError.bpmn20.xml

        // README: "Right after start, the error end throws code `123`, the boundary catches it, and the instance waits
        // at `task` with variable `errorCode = "123"`. Completing `task` → `endEvent`."
        new(
            "camunda-ErrorEndEventTest.testError.bpmn20.xml",
            "error caught by boundary",
            "testError",
            new NoneStart(),
            [
                new ExpectWaitingAt("task"),
                new CompleteTask("task"),
            ],
            new Outcome("completed",
                Reached: ["startEvent", "subProcessStartEvent", "errorEndEvent", "errorBoundaryEvent", "task", "endEvent"],
                Variables: new Dictionary<string, object?> { ["errorCode"] = "123" })),

        // ---------------------------------------------------------------- camunda-ExclusiveGatewayTest.testLoopWithManyIterations.bpmn

        // README: "`i = 0`, then `i++` while `${i <= numOfIterations}`. With `numOfIterations = 1000` the run must
        // finish (`i = 1001`) without a stack overflow, so iterative execution is required."
        new(
            "camunda-ExclusiveGatewayTest.testLoopWithManyIterations.bpmn",
            "1000 iterations",
            "testProcess",
            new NoneStart(new Dictionary<string, object?> { ["numOfIterations"] = 1000L }),
            [],
            new Outcome("completed",
                Reached: ["StartEvent_1", "ScriptTask_1", "ExclusiveGateway_1", "ManualTask_1", "ExclusiveGateway_2", "EndEvent_1"],
                Variables: new Dictionary<string, object?> { ["i"] = 1001L })),

        // ---------------------------------------------------------------- camunda-HistoricActivityInstanceStateTest.testEventSubprocessSignalCancel.bpmn

        // README: "The fork starts `userTask` and a wait for message `continue`. Correlating `continue` → `signalEnd`
        // broadcasts `interrupt`. The process's own event subprocess catches it and **cancels** `userTask` →
        // `eventSubprocessEnd` → process ended (source test)."
        new(
            "camunda-HistoricActivityInstanceStateTest.testEventSubprocessSignalCancel.bpmn",
            "signal end triggers own interrupting event subprocess",
            "process",
            new NoneStart(),
            [
                new ExpectWaitingAt("userTask", "IntermediateCatchEvent_1"),
                new PublishMessage("continue"),
            ],
            new Outcome("completed",
                Reached: ["start", "gtw", "IntermediateCatchEvent_1", "signalEnd", "eventSubprocess", "eventSubprocessStart", "eventSubprocessEnd"],
                NotReached: ["end"])),

        // ---------------------------------------------------------------- camunda-HistoricActivityInstanceStateTest.testSequentialMultiInstanceSubProcess.bpmn

        // README: "The empty subprocess runs 3 times, one after another, then `end`. The instance completes at once,
        // with no wait states."
        new(
            "camunda-HistoricActivityInstanceStateTest.testSequentialMultiInstanceSubProcess.bpmn",
            "sequential multi-instance ×3 without waits",
            "process",
            new NoneStart(),
            [],
            new Outcome("completed",
                Reached: ["start", "intermediateSubprocess", "subprocessStart", "subprocessEnd", "end"])),

        // ---------------------------------------------------------------- camunda-InclusiveGatewayTest.testJoinAfterSubprocesses.bpmn20.xml

        // README: "`a = 1, b = 1`: 2 tasks (`usertask1`, `usertask2`). The join waits for both, then `usertask3`
        // (assignee c) → end."
        new(
            "camunda-InclusiveGatewayTest.testJoinAfterSubprocesses.bpmn20.xml",
            "a = 1, b = 1: join waits for both",
            "InclusiveGateway",
            new NoneStart(new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 1L }),
            [
                new ExpectWaitingAt("usertask1", "usertask2"),
                new CompleteTask("usertask1"),
                new ExpectOpenTasks("usertask2", 1),
                new ExpectOpenTasks("usertask3", 0),
                new CompleteTask("usertask2"),
                new ExpectWaitingAt("usertask3"),
                new CompleteTask("usertask3"),
            ],
            new Outcome("completed",
                Reached:
                [
                    "startevent1", "inclusivegateway1",
                    "subprocess1", "startevent2", "usertask1", "endevent1",
                    "subprocess2", "startevent3", "usertask2", "endevent2",
                    "inclusivegateway2", "usertask3", "endevent3",
                ])),

        // README: "`a = 1, b = 2`: only `usertask1`; the join passes at once after it → `usertask3` → end."
        new(
            "camunda-InclusiveGatewayTest.testJoinAfterSubprocesses.bpmn20.xml",
            "a = 1, b = 2: one branch, join passes at once",
            "InclusiveGateway",
            new NoneStart(new Dictionary<string, object?> { ["a"] = 1L, ["b"] = 2L }),
            [
                new ExpectWaitingAt("usertask1"),
                new CompleteTask("usertask1"),
                new ExpectWaitingAt("usertask3"),
                new CompleteTask("usertask3"),
            ],
            new Outcome("completed",
                Reached: ["startevent1", "inclusivegateway1", "subprocess1", "startevent2", "usertask1", "endevent1", "inclusivegateway2", "usertask3", "endevent3"],
                NotReached: ["subprocess2", "startevent3", "usertask2", "endevent2"])),

        // ---------------------------------------------------------------- camunda-MessageBoundaryEventTest.testBoundaryMessageEventOnSubprocessWithIntermediateMessageCatch.bpmn

        // README: "The instance waits inside `SubProcess_1` for `continueMessage`. Correlating `cancelMessage` cancels
        // the subprocess → `EndEvent_3` → process ended (source test)."
        new(
            "camunda-MessageBoundaryEventTest.testBoundaryMessageEventOnSubprocessWithIntermediateMessageCatch.bpmn",
            "cancelMessage interrupts the subprocess",
            "testProcess",
            new NoneStart(),
            [
                new ExpectWaitingAt("IntermediateCatchEvent_1"),
                new PublishMessage("cancelMessage"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "StartEvent_2", "BoundaryEvent_1", "EndEvent_3"],
                NotReached: ["EndEvent_2", "EndEvent_1"])),

        // README: "Correlating `continueMessage` instead → `EndEvent_2` → `EndEvent_1`."
        new(
            "camunda-MessageBoundaryEventTest.testBoundaryMessageEventOnSubprocessWithIntermediateMessageCatch.bpmn",
            "continueMessage completes the subprocess",
            "testProcess",
            new NoneStart(),
            [
                new ExpectWaitingAt("IntermediateCatchEvent_1"),
                new PublishMessage("continueMessage"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "SubProcess_1", "StartEvent_2", "IntermediateCatchEvent_1", "EndEvent_2", "EndEvent_1"],
                NotReached: ["BoundaryEvent_1", "EndEvent_3"])),

        // ---------------------------------------------------------------- camunda-MessageEventSubprocessTest.testNonInterruptingWithTerminatingEndEvent.bpmn20.xml

        // README: ""Inner User Task" waits. Correlating `message` adds "Event User Task"; the inner task stays.
        // Completing "Event User Task" → `EndEvent_3` (terminate) ends **only the event subprocess**, so
        // `SubProcess_1` still has `UserTask_1` active (source test). Completing it → `EndEvent_1` → `EndEvent_2`."
        new(
            "camunda-MessageEventSubprocessTest.testNonInterruptingWithTerminatingEndEvent.bpmn20.xml",
            "terminate end ends only the event subprocess",
            "process",
            new NoneStart(),
            [
                new ExpectWaitingAt("UserTask_1"),
                new PublishMessage("message"),
                new ExpectWaitingAt("UserTask_1", "UserTask_2"),
                new CompleteTask("UserTask_2"),
                new ExpectWaitingAt("UserTask_1"),
                new CompleteTask("UserTask_1"),
            ],
            new Outcome("completed",
                Reached:
                [
                    "StartEvent_1", "SubProcess_1", "StartEvent_2", "UserTask_1", "EndEvent_1",
                    "SubProcess_2", "StartEvent_3", "UserTask_2", "EndEvent_3", "EndEvent_2",
                ],
                NotReached: ["BoundaryEvent_1", "UserTask_3", "EndEvent_4"])),

        // ---------------------------------------------------------------- camunda-MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn

        // README: "Message `newCorrelationStartMessage` starts a new instance, which waits at the user task;
        // completing it → end."
        new(
            "camunda-MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn",
            "message start",
            "Process_testMessageStartEventUsingCorrelationEngine",
            new MessageStart("newCorrelationStartMessage"),
            [
                new ExpectWaitingAt("Task_Manual_newCorrelationStartMessage"),
                new CompleteTask("Task_Manual_newCorrelationStartMessage"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_12jsbty", "Task_Manual_newCorrelationStartMessage", "EndEvent_0numv9v"])),

        // ---------------------------------------------------------------- camunda-MultiInstanceTest.testNestedMultiInstanceTasks.bpmn20.xml

        // README: "With `subProcesses = ["process A","process B"]` and `assignees = ["kermit","gonzo"]`, there are
        // **4 user tasks** (2×2). Completing all 4 ends the process (source test)."
        new(
            "camunda-MultiInstanceTest.testNestedMultiInstanceTasks.bpmn20.xml",
            "nested parallel multi-instance: 2×2 tasks",
            "miNestedMultiInstanceTasks",
            new NoneStart(new Dictionary<string, object?>
            {
                ["subProcesses"] = new List<object?> { "process A", "process B" },
                ["assignees"] = new List<object?> { "kermit", "gonzo" },
            }),
            [
                new ExpectOpenTasks("miTasks", 4),
                new CompleteAllTasks("miTasks"),
            ],
            new Outcome("completed",
                Reached: ["theStart", "subprocess1", "startevent1", "miTasks", "endevent1", "theEnd"])),

        // ---------------------------------------------------------------- camunda-ProcessEngineTests-findTest.bpmn

        // README: "`PlainTask` (passes through) → `UserTask` waits → `ReceiveTask` waits. Trigger with
        // `continue = true` → `End_TestID`"
        new(
            "camunda-ProcessEngineTests-findTest.bpmn",
            "continue = true",
            "Process_TestID",
            new NoneStart(),
            [
                new ExpectWaitingAt("UserTask_TestID"),
                new CompleteTask("UserTask_TestID"),
                new ExpectWaitingAt("ReceiveTask_TestID"),
                new CompleteTask("ReceiveTask_TestID", new Dictionary<string, object?> { ["continue"] = true }),
            ],
            new Outcome("completed",
                Reached: ["Start_TestID", "PlainTask_TestID", "UserTask_TestID", "ReceiveTask_TestID", "Continue_TestID", "End_TestID"],
                NotReached: ["MessageEnd_TestID", "n2Days_TestID"])),

        // README: "otherwise (default) → `MessageEnd_TestID`."
        // `${continue == true}` needs `continue` to exist (an unknown JUEL variable is an error), so it is false here.
        new(
            "camunda-ProcessEngineTests-findTest.bpmn",
            "continue = false: default flow to message end",
            "Process_TestID",
            new NoneStart(),
            [
                new CompleteTask("UserTask_TestID"),
                new ExpectWaitingAt("ReceiveTask_TestID"),
                new CompleteTask("ReceiveTask_TestID", new Dictionary<string, object?> { ["continue"] = false }),
            ],
            new Outcome("completed",
                Reached: ["Start_TestID", "PlainTask_TestID", "UserTask_TestID", "ReceiveTask_TestID", "Continue_TestID", "MessageEnd_TestID"],
                NotReached: ["End_TestID", "n2Days_TestID"])),

        // README: "If 2 days pass first, the boundary cancels the receive task; its path ends there and the instance
        // completes."
        new(
            "camunda-ProcessEngineTests-findTest.bpmn",
            "P2D boundary without outgoing flow cancels the receive task",
            "Process_TestID",
            new NoneStart(),
            [
                new CompleteTask("UserTask_TestID"),
                new ExpectWaitingAt("ReceiveTask_TestID"),
                new AdvanceClock(TimeSpan.FromDays(2)),
            ],
            new Outcome("completed",
                Reached: ["Start_TestID", "PlainTask_TestID", "UserTask_TestID", "n2Days_TestID"],
                NotReached: ["Continue_TestID", "End_TestID", "MessageEnd_TestID"])),

        // ---------------------------------------------------------------- camunda-StartTimerEventTest.testDurationStartTimerEvent.bpmn20.xml

        // README: "Deploying creates 1 timer job due in 5 min. When it fires, exactly one instance starts and waits at
        // `receive`; afterwards no timer job remains. Triggering `receive` → end."
        new(
            "camunda-StartTimerEventTest.testDurationStartTimerEvent.bpmn20.xml",
            "timer start PT5M",
            "startTimerEventExample",
            new TimerStart(TimeSpan.FromMinutes(5)),
            [
                new ExpectWaitingAt("receive"),
                new CompleteTask("receive"),
            ],
            new Outcome("completed",
                Reached: ["theStart", "receive", "theEnd"])),

        // ---------------------------------------------------------------- camunda-TerminateEndEventTest.testTerminateInSubProcess.bpmn

        // README: "The fork starts `preNormalEnd` and `SubProcess_1`. The subprocess's terminate end kills **only the
        // subprocess** → `EndEvent_3`, and the parent continues with one token. Completing `preNormalEnd` →
        // `EndEvent_4` → process ended."
        new(
            "camunda-TerminateEndEventTest.testTerminateInSubProcess.bpmn",
            "terminate end inside a subprocess",
            "terminateEndEventExample",
            new NoneStart(),
            [
                new ExpectWaitingAt("preNormalEnd"),
                new CompleteTask("preNormalEnd"),
            ],
            new Outcome("completed",
                Reached: ["start", "ParallelGateway_1", "SubProcess_1", "StartEvent_1", "EndEvent_1", "EndEvent_3", "preNormalEnd", "EndEvent_4"])),

        // ---------------------------------------------------------------- camunda-TransactionSubProcessTest.testParseWithDI.bpmn20.xml

        // README: "`UserTask_1` waits. With `confirmed = true`: `EndEvent_1` → the transaction completes → `EndEvent_4`.
        // With `confirmed = false`: cancel end → `ServiceTask_1` compensates `UserTask_1` → `BoundaryEvent_2` →
        // `EndEvent_3`. The process ends in both cases, as the source test asserts."
        new(
            "camunda-TransactionSubProcessTest.testParseWithDI.bpmn20.xml",
            "confirmed: the transaction completes",
            "TransactionSubProcessTest",
            new NoneStart(),
            [
                new ExpectWaitingAt("UserTask_1"),
                new CompleteTask("UserTask_1", new Dictionary<string, object?> { ["confirmed"] = true }),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "StartEvent_2", "UserTask_1", "ExclusiveGateway_1", "EndEvent_1", "Transaction_1", "EndEvent_4"],
                NotReached: ["EndEvent_2", "ServiceTask_1", "BoundaryEvent_2", "EndEvent_3"])),
        new(
            "camunda-TransactionSubProcessTest.testParseWithDI.bpmn20.xml",
            "not confirmed: cancel end compensates, then the cancel boundary",
            "TransactionSubProcessTest",
            new NoneStart(),
            [
                new CompleteTask("UserTask_1", new Dictionary<string, object?> { ["confirmed"] = false }),
            ],
            new Outcome("completed",
                Reached: ["UserTask_1", "ExclusiveGateway_1", "EndEvent_2", "ServiceTask_1", "BoundaryEvent_2", "EndEvent_3"],
                NotReached: ["EndEvent_1", "EndEvent_4"])),

        // ---------------------------------------------------------------- camunda-reviewInvoice.bpmn

        // README: "`assignReviewer` (assignee `demo`) → `reviewInvoice` (assignee `${reviewer}`) → end."
        // `${reviewer}` must exist when `reviewInvoice` is created, so completing `assignReviewer` sets it.
        new(
            "camunda-reviewInvoice.bpmn",
            "assign reviewer, then review",
            "ReviewInvoice",
            new NoneStart(),
            [
                new ExpectWaitingAt("assignReviewer"),
                new CompleteTask("assignReviewer", new Dictionary<string, object?> { ["reviewer"] = "demo" }),
                new ExpectWaitingAt("reviewInvoice"),
                new CompleteTask("reviewInvoice", new Dictionary<string, object?> { ["clarified"] = true }),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "assignReviewer", "reviewInvoice", "EndEvent_1og1zom"],
                Variables: new Dictionary<string, object?> { ["reviewer"] = "demo", ["clarified"] = true })),

        // ---------------------------------------------------------------- libbpmn-exclusive-gateway-with-condition-and-default.bpmn

        // README: "`price = -1` → `task-b` (default), which is what the source test asserts."
        new(
            "libbpmn-exclusive-gateway-with-condition-and-default.bpmn",
            "price = -1: default flow",
            "exclusive-gateway-with-condition-and-default",
            new NoneStart(new Dictionary<string, object?> { ["price"] = -1L }),
            [
                new ExpectWaitingAt("task-b"),
                new CompleteJob("task-b"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "Gateway_01wr5g0", "task-b", "Event_196zxhe"],
                NotReached: ["task-a", "Event_1g3ipua"])),

        // README: "`price = 1` → `task-a`. Both end events are distinct."
        new(
            "libbpmn-exclusive-gateway-with-condition-and-default.bpmn",
            "price = 1: condition price > 0",
            "exclusive-gateway-with-condition-and-default",
            new NoneStart(new Dictionary<string, object?> { ["price"] = 1L }),
            [
                new ExpectWaitingAt("task-a"),
                new CompleteJob("task-a"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "Gateway_01wr5g0", "task-a", "Event_1g3ipua"],
                NotReached: ["task-b", "Event_196zxhe"])),

        // ---------------------------------------------------------------- libbpmn-inclusive-gateway-multiple-tasks.bpmn

        // README: "`price = 0`: `task-a` **and** `task-b`, and the default is **not** taken. The source test expects
        // `task-a,task-b,task-default`, which contradicts the spec (the default flow is taken only when no condition
        // is true)." Spec semantics are encoded.
        new(
            "libbpmn-inclusive-gateway-multiple-tasks.bpmn",
            "price = 0: two conditions true, default not taken (spec)",
            "inclusive-gateway-multiple-tasks",
            new NoneStart(new Dictionary<string, object?> { ["price"] = 0L }),
            [
                new ExpectWaitingAt("task-a", "task-b"),
                new CompleteJob("task-a"),
                new CompleteJob("task-b"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "Gateway_01wr5g0", "task-a", "Event_1g3ipua", "task-b", "Event_196zxhe"],
                NotReached: ["task-default", "Event_1cibpyu"])),

        // README: "`price = 5` → `task-a` only."
        new(
            "libbpmn-inclusive-gateway-multiple-tasks.bpmn",
            "price = 5: one condition true",
            "inclusive-gateway-multiple-tasks",
            new NoneStart(new Dictionary<string, object?> { ["price"] = 5L }),
            [
                new ExpectWaitingAt("task-a"),
                new CompleteJob("task-a"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "Gateway_01wr5g0", "task-a", "Event_1g3ipua"],
                NotReached: ["task-b", "Event_196zxhe", "task-default", "Event_1cibpyu"])),

        // README: "`price = -1` → `task-default` only."
        new(
            "libbpmn-inclusive-gateway-multiple-tasks.bpmn",
            "price = -1: no condition true, default flow",
            "inclusive-gateway-multiple-tasks",
            new NoneStart(new Dictionary<string, object?> { ["price"] = -1L }),
            [
                new ExpectWaitingAt("task-default"),
                new CompleteJob("task-default"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "Gateway_01wr5g0", "task-default", "Event_1cibpyu"],
                NotReached: ["task-a", "Event_1g3ipua", "task-b", "Event_196zxhe"])),

        // ---------------------------------------------------------------- libbpmn-message-intermediate-timer-event.bpmn

        // README: "Message published within 1 s → `task-for-message` → end; this is the source test's case."
        // The subscription's correlation key is `=message` (Zeebe), so the instance carries a variable `message`
        // and the message is published with that key.
        new(
            "libbpmn-message-intermediate-timer-event.bpmn",
            "message within 1 s",
            "message-intermediate-timer-event",
            new NoneStart(new Dictionary<string, object?> { ["message"] = "order-1" }),
            [
                new ExpectWaitingAt("event-based-gateway"),
                new PublishMessage("message", "order-1"),
                new ExpectWaitingAt("task-for-message"),
                new CompleteJob("task-for-message"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "event-based-gateway", "message", "task-for-message", "Event_1nquajk"],
                NotReached: ["timer1", "task-for-timer"])),

        // README: "Otherwise, after 1 s → `task-for-timer` → end."
        new(
            "libbpmn-message-intermediate-timer-event.bpmn",
            "no message: timer after 1 s",
            "message-intermediate-timer-event",
            new NoneStart(new Dictionary<string, object?> { ["message"] = "order-1" }),
            [
                new ExpectWaitingAt("event-based-gateway"),
                new AdvanceClock(TimeSpan.FromSeconds(1)),
                new ExpectWaitingAt("task-for-timer"),
                new CompleteJob("task-for-timer"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "event-based-gateway", "timer1", "task-for-timer", "Event_1nquajk"],
                NotReached: ["message", "task-for-message"])),

        // ---------------------------------------------------------------- libbpmn-simple-count-loop.bpmn

        // README: "Start with `counter = 0`; a worker increments it each time. `increaseCounter` runs 4 times,
        // `counter = 4`, end. This is the source test."
        new(
            "libbpmn-simple-count-loop.bpmn",
            "worker increments counter to 4",
            "simple-count-loop",
            new NoneStart(new Dictionary<string, object?> { ["counter"] = 0L }),
            [
                new ExpectWaitingAt("id-increaseCounter"),
                new CompleteJob("id-increaseCounter", new Dictionary<string, object?> { ["counter"] = 1L }),
                new ExpectWaitingAt("id-increaseCounter"),
                new CompleteJob("id-increaseCounter", new Dictionary<string, object?> { ["counter"] = 2L }),
                new ExpectWaitingAt("id-increaseCounter"),
                new CompleteJob("id-increaseCounter", new Dictionary<string, object?> { ["counter"] = 3L }),
                new ExpectWaitingAt("id-increaseCounter"),
                new CompleteJob("id-increaseCounter", new Dictionary<string, object?> { ["counter"] = 4L }),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "id-increaseCounter", "Gateway_0uoffqk", "Event_1as901w"],
                Variables: new Dictionary<string, object?> { ["counter"] = 4L })),

        // ---------------------------------------------------------------- libbpmn-simple-link-events.bpmn

        // README: "Both branches jump through their links: `Task-A` and `Task-B` both run, both ends are reached, and
        // the instance completes."
        new(
            "libbpmn-simple-link-events.bpmn",
            "two link pairs",
            "simple-link-events",
            new NoneStart(),
            [
                new ExpectWaitingAt("Task-A", "Task-B"),
                new CompleteJob("Task-A"),
                new CompleteJob("Task-B"),
            ],
            new Outcome("completed",
                Reached:
                [
                    "StartEvent_1", "Gateway_0iadd89",
                    "Link-A-Throw", "Link-A-Catch", "Task-A", "Event_1xf0ixa",
                    "Link-B-Throw", "Link-B-Catch", "Task-B", "Event_0qx9ij0",
                ])),

        // ---------------------------------------------------------------- libbpmn-subprocess-with-gateways.bpmn
        // `random_generator` ("Thi Task Generate random and save it as COUNT") is a job whose worker sets COUNT.

        // README: "`COUNT = 28` (the source test): `random_generator` → `sub_process` → `iner_iner_subprocess` →
        // `print_30` → `say_goodbye`."
        new(
            "libbpmn-subprocess-with-gateways.bpmn",
            "COUNT = 28: innermost subprocess, print_30",
            "Process_0gjrx3e",
            new NoneStart(),
            [
                new CompleteJob("random_generator", new Dictionary<string, object?> { ["COUNT"] = 28L }),
                new ExpectWaitingAt("print_30"),
                new CompleteJob("print_30"),
                new ExpectWaitingAt("say_goodbye"),
                new CompleteJob("say_goodbye"),
            ],
            new Outcome("completed",
                Reached:
                [
                    "StartEvent_1", "random_generator", "Gateway_0phhb8s",
                    "sub_process", "Event_10sd5ak", "Gateway_in_sub",
                    "iner_iner_subprocess", "Event_1opu9tk", "Gateway_iner_iner_sub", "print_30", "Event_1lmbcih",
                    "Event_0myp3xr", "say_goodbye", "Event_0qo8kf3",
                ],
                NotReached: ["print_10", "print_20", "print_25"])),

        // README: "`COUNT = 5` → `print_10` → `say_goodbye`."
        new(
            "libbpmn-subprocess-with-gateways.bpmn",
            "COUNT = 5: print_10",
            "Process_0gjrx3e",
            new NoneStart(),
            [
                new CompleteJob("random_generator", new Dictionary<string, object?> { ["COUNT"] = 5L }),
                new ExpectWaitingAt("print_10"),
                new CompleteJob("print_10"),
                new ExpectWaitingAt("say_goodbye"),
                new CompleteJob("say_goodbye"),
            ],
            new Outcome("completed",
                Reached: ["StartEvent_1", "random_generator", "Gateway_0phhb8s", "print_10", "say_goodbye", "Event_0qo8kf3"],
                NotReached: ["sub_process", "print_20", "iner_iner_subprocess", "print_25", "print_30"])),

        // README: "`COUNT = 15` → `print_20`."
        new(
            "libbpmn-subprocess-with-gateways.bpmn",
            "COUNT = 15: print_20",
            "Process_0gjrx3e",
            new NoneStart(),
            [
                new CompleteJob("random_generator", new Dictionary<string, object?> { ["COUNT"] = 15L }),
                new ExpectWaitingAt("print_20"),
                new CompleteJob("print_20"),
                new ExpectWaitingAt("say_goodbye"),
                new CompleteJob("say_goodbye"),
            ],
            new Outcome("completed",
                Reached:
                [
                    "StartEvent_1", "random_generator", "Gateway_0phhb8s",
                    "sub_process", "Event_10sd5ak", "Gateway_in_sub", "print_20", "Event_1i3491p",
                    "say_goodbye", "Event_0qo8kf3",
                ],
                NotReached: ["print_10", "iner_iner_subprocess", "print_25", "print_30"])),

        // README: "`COUNT = 22` → `print_25`."
        new(
            "libbpmn-subprocess-with-gateways.bpmn",
            "COUNT = 22: print_25",
            "Process_0gjrx3e",
            new NoneStart(),
            [
                new CompleteJob("random_generator", new Dictionary<string, object?> { ["COUNT"] = 22L }),
                new ExpectWaitingAt("print_25"),
                new CompleteJob("print_25"),
                new ExpectWaitingAt("say_goodbye"),
                new CompleteJob("say_goodbye"),
            ],
            new Outcome("completed",
                Reached:
                [
                    "StartEvent_1", "random_generator", "Gateway_0phhb8s",
                    "sub_process", "Event_10sd5ak", "Gateway_in_sub",
                    "iner_iner_subprocess", "Event_1opu9tk", "Gateway_iner_iner_sub", "print_25", "Event_164n60a",
                    "Event_0myp3xr", "say_goodbye", "Event_0qo8kf3",
                ],
                NotReached: ["print_10", "print_20", "print_30"])),

        // README: "Edge cases: for `COUNT = 25` or `30` no condition in the innermost gateway is true and there is no
        // default, so the spec requires an exception (incident)."
        new(
            "libbpmn-subprocess-with-gateways.bpmn",
            "COUNT = 25: no flow of the innermost gateway matches (incident)",
            "Process_0gjrx3e",
            new NoneStart(),
            [
                new CompleteJob("random_generator", new Dictionary<string, object?> { ["COUNT"] = 25L }),
            ],
            new Outcome("failed",
                Reached: ["StartEvent_1", "random_generator", "Gateway_0phhb8s", "Event_10sd5ak", "Gateway_in_sub", "Event_1opu9tk"],
                NotReached: ["print_10", "print_20", "print_25", "print_30", "say_goodbye"])),

        // README: (same edge case) "`COUNT = 25` or `30`".
        new(
            "libbpmn-subprocess-with-gateways.bpmn",
            "COUNT = 30: no flow of the innermost gateway matches (incident)",
            "Process_0gjrx3e",
            new NoneStart(),
            [
                new CompleteJob("random_generator", new Dictionary<string, object?> { ["COUNT"] = 30L }),
            ],
            new Outcome("failed",
                Reached: ["StartEvent_1", "random_generator", "Gateway_0phhb8s", "Event_10sd5ak", "Gateway_in_sub", "Event_1opu9tk"],
                NotReached: ["print_10", "print_20", "print_25", "print_30", "say_goodbye"])),
    ];

    /// <summary>The corpus models, or cases of them, that the engine does not run, in file-name order.</summary>
    public static IReadOnlyList<NotRunnable> Excluded { get; } =
    [
        new("bpmnelements-bound-error-and-timer.bpmn",
            "Only the `input === 2` case (the other two run): `scriptTask` then returns without calling `next()`, which in bpmn-engine leaves the task " +
            "waiting until the `timerEvent` boundary (PT0.05S) fires and `timedEndEvent` terminates the instance. Here a script completes when its code " +
            "returns (`next()` only sets the completion value or the error), so that case needs bpmn-engine's asynchronous `next()` callback."),
        new("bpmnelements-conditional-bound-js-event.bpmn",
            "The interrupting conditional boundary `cond` has a `language=\"js\"` condition `next(null, properties.type === 'signal');`: a script that " +
            "answers through bpmn-engine's `next()` callback and reads `properties` of a bpmn-engine signal call. Conditions are JUEL or FEEL here " +
            "(the text decides, `language` is not read), so the model does not deploy. The `task` path also relies on bpmn-engine's manual task " +
            "being a wait state; this engine passes straight through a manual task, as Camunda does."),
        new("bpmnelements-engine-issue-180.bpmn",
            "Only the failure cases (\"services succeed\" runs): they need `Activity_1`/`Activity_2` to fail. Both service tasks have no implementation; " +
            "in bpmn-engine the failure comes from a host-provided service behaviour. A worker can now throw a BPMN error from a job " +
            "(`ThrowJobErrorAsync`, the `bpmnError` template), but the paths `catch-error-1`/`catch-error-2` → `end-error-*` → event subprocess " +
            "`on-error` are not yet scenarios of this runner."),
        new("bpmnelements-escalation.bpmn",
            "The `toEscalate` condition `${environment.services.isAbove(10, environment.output.amount)}` calls a host service function that only exists " +
            "in bpmn-engine (JUEL here refuses calls at deploy), and `order`'s output parameter `${content.output.form.amount}` reads bpmn-engine's " +
            "message content; both paths go through `isAmountTooBig`."),
        new("bpmnelements-misp-loopback.bpmn",
            "The `backto-task` condition is `language=\"js\"` (`const loopback = environment.variables.loopback; environment.variables.loopback = false; " +
            "next(null, loopback);`): a script condition answering through `next()` and resetting a variable by assignment to `environment.variables`, " +
            "which only bpmn-engine supports; and `subscript` calls `next(null, environment.variables.content.index)`, reading bpmn-engine's " +
            "multi-instance `content.index`, which is not a variable here."),
        new("bpmnelements-signals.bpmn",
            "Service task `getSpotPrice` evaluates `camunda:expression=\"${environment.services.getSpotPrice}\"`, a host service function that only " +
            "exists in bpmn-engine, on every path (start and after each `spotPriceUpdated` signal); `tradeTask`'s form default " +
            "`${environment.output.spotPrice}` reads bpmn-engine's output. The non-executable `spotPriceProcess` pool is not started anyway."),
        new("bpmnelements-sub-process.bpmn",
            "Only the `input == 127` case and the `subScript = true` effect (the path itself runs): `subScriptTask` sets " +
            "`this.environment.variables.subScript = true`, and assigning to `environment.variables` changes nothing outside a script here (variables " +
            "are set with `execution.setVariable`); and with `input == 127` it skips `next()`, which hangs the task only under bpmn-engine's " +
            "asynchronous `next()` callback."),
        new("bpmnelements-task-with-multi-instance-loop.bpmn",
            "`recurring` completionCondition `${environment.services.loopCondition}` calls a host service function that only exists in bpmn-engine, and " +
            "its script `this.variables.input++; next()` counts by assigning to bpmn-engine's shared `variables` object, which changes nothing outside " +
            "a script here."),
        new("bpmnelements-timers.bpmn",
            "`catch-date`'s timeDate `${environment.variables.catchDate}` and `user-due`'s `camunda:dueDate` `${environment.variables.dueDate}` read " +
            "variables that bpmn-engine's host sets on the engine environment; here they are read as process variables, and an instance started by " +
            "the `start-cycle` timer (`R3/PT10H`) has none, so `catchDate` is unknown. The `bound-duration` → `duration-end` path needs `task` to wait, " +
            "which is bpmn-engine's manual task behaviour; this engine passes straight through a manual task."),
        new("bpmnelements-transaction.bpmn",
            "Its transaction, cancel end, compensation boundary and handler run here (the same shape runs in " +
            "`camunda-TransactionSubProcessTest.testParseWithDI.bpmn20.xml` and in `Issue15CompensationTests`), but the model does not deploy: the " +
            "`isSure` conditions call `${environment.services.compare(environment.output.areUSure,\"Yes\")}`, a host service function that only " +
            "exists in bpmn-engine (JUEL here refuses calls at deploy), and `compensateTask`'s `implementation=\"${environment.services.compensate}\"` " +
            "is bpmn-engine's host service too."),
        new("camunda-invoice.v2.bpmn",
            "Every path starts with business rule task `assignApprover` (`camunda:decisionRef=\"invoice-assign-approver\"`), whose DMN decision is not " +
            "in the corpus and whose result `approverGroups` is `approveInvoice`'s candidate groups; the approved path then reaches `ServiceTask_1`, " +
            "an async `camunda:class=\"org.camunda.bpm.example.invoice.service.ArchiveInvoiceService\"` Java delegate. Its task listeners are " +
            "JavaScript against Camunda's `task` API (`task.setAssignee`), and its due dates call `${dateTime().plusWeeks(1).toDate()}`, a Camunda " +
            "function JUEL has no equivalent for here. `camunda-reviewInvoice.bpmn`, the process it calls, runs on its own."),
    ];
}
