using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Events;

public sealed class MessageTests
{
    private static readonly Dictionary<string, object?> None = new();

    [Fact]
    public async Task MessageStart_CorpusCorrelationEngine_StartsAnInstanceAtTheUserTask()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("camunda-MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn");

        var sent = await h.Engine.CorrelateMessageAsync("newCorrelationStartMessage", "order-7", new Dictionary<string, object?> { ["amount"] = 12L }, null, CancellationToken.None);

        Assert.Empty(sent.Reached);
        var instance = await h.InstanceAsync(Assert.Single(sent.Started));
        Assert.Equal((key, "order-7", 12L), (instance.ProcessKey, instance.BusinessKey, instance.Variables["amount"]));
        var task = Assert.Single(await h.TasksAsync(instance.Id));
        Assert.Equal("Task_Manual_newCorrelationStartMessage", task.ActivityId);
        await h.CompleteAsync(task);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task MessageCatch_ZeebeCorrelationKey_ReachesOnlyTheInstanceWithThatKey()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-catch-key");
        var first = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "A-1" });
        var second = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "B-2" });
        var subscription = Assert.Single(await h.Engine.GetSubscriptionsAsync(first.Id, CancellationToken.None));
        Assert.Equal((SubscriptionKinds.Message, "order-paid", "A-1"), (subscription.Kind, subscription.Name, subscription.CorrelationKey));

        var sent = await h.Engine.CorrelateMessageAsync("order-paid", "A-1", new Dictionary<string, object?> { ["paidAt"] = "today" }, null, CancellationToken.None);

        Assert.Equal([first.Id], sent.Reached);
        var reached = await h.InstanceAsync(first.Id);
        Assert.Equal("today", reached.Variables["paidAt"]);
        Assert.Equal("ship", Assert.Single(await h.TasksAsync(first.Id)).ActivityId);
        Assert.Empty(await h.Engine.GetSubscriptionsAsync(first.Id, CancellationToken.None));
        Assert.Single(await h.Engine.GetSubscriptionsAsync(second.Id, CancellationToken.None));
        Assert.Single(await h.HistoryAsync(first.Id), e => e.Type == HistoryTypes.EventReceived && e.ActivityId == "paid-catch");
    }

    [Fact]
    public async Task MessageCatch_SentTwice_SecondFindsNoOneWaiting()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-catch-key");
        await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "A-1" });
        await h.Engine.CorrelateMessageAsync("order-paid", "A-1", None, null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.CorrelateMessageAsync("order-paid", "A-1", None, null, CancellationToken.None));

        Assert.Equal("MESSAGE_NOT_CORRELATED", refused.Code);
        Assert.Equal("A-1", refused.Context["correlationKey"]);
    }

    [Fact]
    public async Task ReceiveTask_WithoutKeyExpression_CorrelatesByBusinessKey()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-receive-business-key");
        var outcome = await h.Engine.StartAsync(key, null, "claim-42", None, false, Commands.CommandContext.Anonymous, CancellationToken.None);
        var other = await h.Engine.StartAsync(key, null, "claim-43", None, false, Commands.CommandContext.Anonymous, CancellationToken.None);

        var sent = await h.Engine.CorrelateMessageAsync("approval-given", "claim-42", new Dictionary<string, object?> { ["ok"] = true }, null, CancellationToken.None);

        Assert.Equal([outcome.InstanceId], sent.Reached);
        var instance = await h.InstanceAsync(outcome.InstanceId);
        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Equal(true, instance.Variables["ok"]);
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(other.InstanceId)).State);
    }

    [Fact]
    public async Task Message_WithTimeToLive_BufferedThenDeliveredWhenASubscriberOpens()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-catch-key");

        var sent = await h.Engine.CorrelateMessageAsync("order-paid", "C-3", new Dictionary<string, object?> { ["paidAt"] = "early" }, TimeSpan.FromHours(1), CancellationToken.None);
        var buffered = Assert.IsType<BufferedMessageRecord>(sent.Buffered);
        Assert.Equal(h.Clock.GetUtcNow().AddHours(1), buffered.ExpiresAt);
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "C-3" });

        Assert.Equal("early", instance.Variables["paidAt"]);
        Assert.Equal("ship", Assert.Single(await h.TasksAsync(instance.Id)).ActivityId);
        Assert.Empty(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        Assert.Null(await h.Store.GetBufferedMessageAsync(buffered.Id, CancellationToken.None));

        // Delivered once: the next instance with that key waits.
        var next = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "C-3" });
        Assert.Single(await h.Engine.GetSubscriptionsAsync(next.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Message_TimeToLiveExpired_NotDelivered()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-catch-key");
        await h.Engine.CorrelateMessageAsync("order-paid", "D-4", None, TimeSpan.FromMinutes(5), CancellationToken.None);

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "D-4" });

        Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Message_BadInput_Refused()
    {
        await using var h = await EngineHarness.CreateAsync();

        var noName = await Assert.ThrowsAsync<ValidationException>(() => h.Engine.CorrelateMessageAsync(" ", null, None, null, CancellationToken.None));
        var badTtl = await Assert.ThrowsAsync<ValidationException>(() => h.Engine.CorrelateMessageAsync("x", null, None, TimeSpan.Zero, CancellationToken.None));

        Assert.Equal("name", Assert.Single(noName.Errors).Field);
        Assert.Equal("ttl", Assert.Single(badTtl.Errors).Field);
    }

    [Theory]
    [InlineData("message-throw")]
    [InlineData("message-send-task")]
    [InlineData("message-end")]
    public async Task MessageThrow_PublishesToTheSameNameAndKey(string thrower)
    {
        await using var h = await EngineHarness.CreateAsync();
        var catcher = await h.DeployAsync("message-catch-key");
        var throwing = await h.DeployAsync(thrower);
        var waiting = await h.StartAsync(catcher, new Dictionary<string, object?> { ["orderId"] = "E-5" });
        var bystander = await h.StartAsync(catcher, new Dictionary<string, object?> { ["orderId"] = "F-6" });

        var thrown = await h.StartAsync(throwing, new Dictionary<string, object?> { ["orderId"] = "E-5", ["note"] = "from the thrower" });

        Assert.Equal(InstanceStates.Completed, thrown.State);
        var reached = await h.InstanceAsync(waiting.Id);
        Assert.Equal("ship", Assert.Single(reached.Tokens).ActivityId);
        Assert.Equal("from the thrower", reached.Variables["note"]);
        Assert.Single(await h.Engine.GetSubscriptionsAsync(bystander.Id, CancellationToken.None));
    }

    [Fact]
    public async Task MessageCatch_OnlyASuspendedInstanceWaits_WrongStateUntilResumed()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-catch-key");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "S-1" });
        await h.Engine.SuspendAsync(instance.Id, Commands.CommandContext.Anonymous, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.CorrelateMessageAsync("order-paid", "S-1", None, null, CancellationToken.None));

        Assert.Equal("INSTANCE_SUSPENDED", refused.Code);
        Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
        await h.Engine.ResumeAsync(instance.Id, Commands.CommandContext.Anonymous, CancellationToken.None);
        Assert.Equal([instance.Id], (await h.Engine.CorrelateMessageAsync("order-paid", "S-1", None, null, CancellationToken.None)).Reached);
    }

    [Fact]
    public async Task MessageCatch_InstanceCancelled_SubscriptionGone()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-catch-key");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "G-7" });

        await h.Engine.CancelAsync(instance.Id, Commands.CommandContext.Anonymous, CancellationToken.None);

        await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.CorrelateMessageAsync("order-paid", "G-7", None, null, CancellationToken.None));
    }

    [Fact]
    public async Task MessageCatch_TwoSendersAtOnce_ExactlyOneReachesTheInstance()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("message-catch-key");
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["orderId"] = "H-8" });

        async Task<int> SendAsync()
        {
            try
            {
                return (await h.Engine.CorrelateMessageAsync("order-paid", "H-8", None, null, CancellationToken.None)).Reached.Count;
            }
            catch (NotFoundException)
            {
                return 0;
            }
        }

        var results = await Task.WhenAll(Task.Run(SendAsync), Task.Run(SendAsync), Task.Run(SendAsync));

        Assert.Equal(1, results.Sum());
        Assert.Single(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.EventReceived);
    }
}
