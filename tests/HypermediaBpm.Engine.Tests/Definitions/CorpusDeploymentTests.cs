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

        // Every model the conformance test runs deploys; every model that does not deploy is excluded there with its reason.
        var scenarioFiles = Conformance.CorpusScenarios.All.Select(c => c.File).ToHashSet(StringComparer.Ordinal);
        var excluded = Conformance.CorpusScenarios.Excluded.Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(scenarioFiles.Except(deployable));
        Assert.Empty(Corpus.Files("execute").Select(Path.GetFileName).Except(deployable).Except(excluded));
    }

    [Fact]
    public async Task BpmnElementsCallActivity_CalledProcessInTheSameFileIsNotExecutable_IsAnIncident()
    {
        // Only the executable process of a file is deployed; "called-process" (isExecutable="false") is not,
        // so the call finds nothing, as Camunda would: an incident on the call activity, not a crash.
        await using var h = await Support.EngineHarness.CreateAsync();
        var key = await h.DeployCorpusAsync("bpmnelements-call-activity.bpmn");

        var instance = await h.StartAsync(key);

        Assert.Equal(Instances.InstanceStates.Failed, instance.State);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(("call-activity", "CALLED_PROCESS_NOT_FOUND"), (incident.ActivityId, incident.Code));
    }

    [Fact]
    public async Task CamundaReviewInvoice_CalledLikeInvoiceV2_ReturnsClarified()
    {
        await using var h = await Support.EngineHarness.CreateAsync();
        await h.DeployCorpusAsync("camunda-reviewInvoice.bpmn");
        var key = await h.DeployAsync("call-invoice-review");
        var invoice = new Dictionary<string, object?>
        {
            ["creditor"] = "Great Pizza for Everyone Inc.", ["amount"] = 30L, ["invoiceCategory"] = "Travel Expenses",
            ["invoiceNumber"] = "GPFE-23232323", ["invoiceDocument"] = "invoice.pdf",
        };
        var parent = await h.StartAsync(key, invoice);
        await h.CompleteAsync(await h.OpenTaskAsync(parent.Id, "approveInvoice"), new Dictionary<string, object?> { ["approved"] = false });
        var child = Assert.Single((await h.Store.QueryInstancesAsync(
            new HypermediaBpm.Engine.Persistence.InstanceQuery(new HypermediaBpm.Engine.Persistence.PageRequest(10), ParentInstanceId: parent.Id), CancellationToken.None)).Items);
        Assert.Equal("ReviewInvoice", child.ProcessKey);
        Assert.Equal("Travel Expenses", (await h.InstanceAsync(child.Id)).Variables["invoiceCategory"]);

        var assign = await h.OpenTaskAsync(child.Id, "assignReviewer");
        Assert.Equal("demo", assign.Assignee);
        await h.CompleteAsync(assign, new Dictionary<string, object?> { ["reviewer"] = "mary" });
        var review = await h.OpenTaskAsync(child.Id, "reviewInvoice");
        Assert.Equal("mary", review.Assignee);
        await h.CompleteAsync(review, new Dictionary<string, object?> { ["clarified"] = true });

        var after = await h.InstanceAsync(parent.Id);
        Assert.Equal(true, after.Variables["clarified"]);
        Assert.False(after.Variables.ContainsKey("reviewer"));
        Assert.Equal("approveInvoice", Assert.Single(after.Tokens).ActivityId);
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
