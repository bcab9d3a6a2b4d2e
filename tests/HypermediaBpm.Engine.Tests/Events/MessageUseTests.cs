using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Tests.Support;
using HypermediaBpm.Engine.Triggers;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Events;

/// <summary>What the deployed models say about their messages: who starts on a name, who waits, which variable is the key.</summary>
public sealed class MessageUseTests
{
    [Fact]
    public async Task GetMessageUses_DeployedModels_ListsStartsAndWaitsWithTheirKeyVariable()
    {
        await using var h = await EngineHarness.CreateAsync();
        var waiting = await h.DeployAsync("message-catch-key");
        var starting = await h.DeployCorpusAsync("camunda-MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn");

        var uses = await h.Engine.GetMessageUsesAsync(CancellationToken.None);

        var wait = Assert.Single(uses, u => u.ProcessKey == waiting);
        Assert.Equal(("order-paid", "paid-catch", false, "=orderId", "orderId"), (wait.Name, wait.ActivityId, wait.Starts, wait.CorrelationKey, wait.KeyVariable));
        var start = Assert.Single(uses, u => u.ProcessKey == starting);
        Assert.Equal(("newCorrelationStartMessage", true, null), (start.Name, start.Starts, start.KeyVariable));
    }

    [Theory]
    [InlineData("=orderId", "orderId")]
    [InlineData(" = orderId ", "orderId")]
    [InlineData("${orderId}", "orderId")]
    [InlineData("#{ order_id }", "order_id")]
    [InlineData("=order.id", null)]
    [InlineData("=\"A-\" + orderId", null)]
    [InlineData("orderId", null)]
    [InlineData(null, null)]
    public void KeyVariable_OnlyABareVariable_NamesAPayloadField(string? expression, string? expected) =>
        Assert.Equal(expected, MessageUses.KeyVariable(expression));

    [Fact]
    public async Task Start_FormDataBusinessKeyField_TakesTheBusinessKeyFromThatField_UnlessOneIsGiven()
    {
        await using var h = await EngineHarness.CreateAsync();
        var record = await h.Engine.DeployAsync(await File.ReadAllTextAsync(RepositoryPaths.Docs("samples", "online-shop.bpmn")), null, null, null, CancellationToken.None);
        var order = new Dictionary<string, object?> { ["orderId"] = "A-1001", ["amount"] = 49L, ["customer"] = "ann" };

        var byField = await h.StartAsync(record.Key, order);
        var given = await h.Engine.StartAsync(record.Key, null, "explicit", order, false, CommandContext.Anonymous, CancellationToken.None);

        Assert.Equal("A-1001", byField.BusinessKey);
        Assert.Equal("explicit", (await h.InstanceAsync(given.InstanceId)).BusinessKey);
    }
}
