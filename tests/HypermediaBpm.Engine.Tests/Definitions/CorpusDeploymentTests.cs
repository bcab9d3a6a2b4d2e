using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Scripting;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Definitions;

/// <summary>
/// Every real model in the shared corpus either deploys or is refused with located, specific problems —
/// never an exception of another kind, never a hang.
/// </summary>
public sealed class CorpusDeploymentTests
{
    private static readonly DeploymentValidator Validator = new(new BehaviorTable(new JavaScriptRunner(), ScriptLimits.Default));

    public static TheoryData<string> AllFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "execute", "render", "invalid" })
        {
            foreach (var file in Corpus.Files(folder))
            {
                data.Add(Path.GetRelativePath(Corpus.Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Deploy_CorpusFile_DeploysOrIsRefusedWithLocatedProblems(string relativePath)
    {
        var xml = File.ReadAllText(Path.Combine(Corpus.Root, relativePath));

        try
        {
            var model = Validator.Validate(xml);
            Assert.NotEmpty(model.Process.StartEvents);
            Assert.False(relativePath.StartsWith("invalid", StringComparison.Ordinal), "an invalid model was accepted");
        }
        catch (ValidationException refused)
        {
            Assert.Equal(DeploymentValidator.InvalidCode, refused.Code);
            Assert.NotEmpty(refused.Errors);
            Assert.All(refused.Errors, e =>
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Code));
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.True(e.Line > 0 && e.Column > 0, $"{e.Code} '{e.Message}' has no position");
            });
        }
    }

    [Fact]
    public void Deploy_ExecuteCorpus_RunnableModelsAreKnown()
    {
        // The models the engine already runs (the rest need elements of the BPMN coverage work).
        var deployable = Corpus.Files("execute").Where(f =>
        {
            try
            {
                Validator.Validate(File.ReadAllText(f));
                return true;
            }
            catch (ValidationException)
            {
                return false;
            }
        }).Select(Path.GetFileName).ToList();

        string[] expected =
        [
            "bpmnelements-event-based-gateway-with-same-target.bpmn",
            "bpmnelements-signal-after-signal.bpmn",
            "bpmnelements-timer-event.bpmn",
            "camunda-ExclusiveGatewayTest.testLoopWithManyIterations.bpmn",
            "camunda-MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn",
            "camunda-StartTimerEventTest.testDurationStartTimerEvent.bpmn20.xml",
            "camunda-reviewInvoice.bpmn",
            "libbpmn-exclusive-gateway-with-condition-and-default.bpmn",
            "libbpmn-message-intermediate-timer-event.bpmn",
            "libbpmn-simple-count-loop.bpmn",
        ];
        Assert.True(expected.SequenceEqual(deployable), "deployable: " + string.Join(", ", deployable));
    }

    [Fact]
    public async Task CamundaLoopWithManyIterations_RunsAThousandTimesWithoutOverflow()
    {
        await using var h = await Support.EngineHarness.CreateAsync();
        var xml = File.ReadAllText(Path.Combine(Corpus.Root, "execute", "camunda-ExclusiveGatewayTest.testLoopWithManyIterations.bpmn"));
        var key = (await h.Engine.DeployAsync(xml, null, null, null, CancellationToken.None)).Key;

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["numOfIterations"] = 1000L });

        Assert.Equal(Instances.InstanceStates.Completed, instance.State);
        Assert.Equal(1001L, instance.Variables["i"]);
    }
}
