using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Tests.Persistence;

/// <summary>The stored instance format is pinned by a golden file: changing it needs a migration.</summary>
public sealed class InstanceStateFormatTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "Golden", "instance-state-v1.json");

    [Fact]
    public void Serialize_KnownInstance_MatchesGoldenFile()
    {
        var json = InstanceStateSerializer.Serialize(Sample());

        Assert.Equal(File.ReadAllText(GoldenPath).Trim(), json);
    }

    [Fact]
    public void Deserialize_GoldenFile_RestoresEverything()
    {
        var summary = new InstanceSummary("i1", "d1", "p", 3, "bk", InstanceStates.Failed, 7, T, null, T);

        var instance = InstanceStateSerializer.Deserialize(new StoredInstance(summary, File.ReadAllText(GoldenPath)));

        Assert.Equal(InstanceStates.Failed, instance.State);
        Assert.Equal(7, instance.Revision);
        Assert.Equal(4, instance.LastTokenNumber);
        Assert.Equal(1500L, instance.Variables["amount"]);
        Assert.Equal(2.5, instance.Variables["rate"]);
        Assert.Equal(new List<object?> { "a", 1L, null }, instance.Variables["list"]);
        Assert.Equal(TokenState.Waiting, instance.Tokens[0].State);
        Assert.Equal("task-1", instance.Tokens[0].WorkItemId);
        Assert.Equal(TokenState.Failed, instance.Tokens[1].State);
        Assert.Equal("f2", instance.Tokens[1].ViaFlowId);
        Assert.Equal("SCRIPT_FAILED", Assert.Single(instance.Incidents).Code);
        Assert.Equal(InstanceStateSerializer.Serialize(instance), File.ReadAllText(GoldenPath).Trim());
    }

    private static ProcessInstance Sample()
    {
        var instance = new ProcessInstance
        {
            Id = "i1", DefinitionId = "d1", ProcessKey = "p", ProcessVersion = 3, StartedAt = T, UpdatedAt = T, LastTokenNumber = 4,
            Variables = new Dictionary<string, object?>
            {
                ["amount"] = 1500L, ["rate"] = 2.5, ["name"] = "Ann \"A\"", ["ok"] = true, ["none"] = null,
                ["list"] = new List<object?> { "a", 1L, null }, ["nested"] = new Dictionary<string, object?> { ["x"] = 1L },
            },
        };
        instance.Tokens.Add(new Token { Id = "3", ActivityId = "review", State = TokenState.Waiting, ViaFlowId = "f1", Since = T, WorkItemId = "task-1" });
        instance.Tokens.Add(new Token { Id = "4", ActivityId = "script", State = TokenState.Failed, ViaFlowId = "f2", Since = T });
        instance.AddIncident(new Incident("inc-1", "4", "script", "SCRIPT_FAILED", "boom", T), T);
        return instance;
    }
}
