using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Tests.Persistence;

/// <summary>
/// The stored instance format is pinned by golden files: changing it needs a new version. Version 2 (written
/// now) adds scope-local variables and loop counters to tokens; version 1 documents are still read.
/// </summary>
public sealed class InstanceStateFormatTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "Golden", "instance-state-v1.json");
    private static string GoldenV2Path => Path.Combine(AppContext.BaseDirectory, "Golden", "instance-state-v2.json");

    [Fact]
    public void Serialize_KnownInstance_MatchesGoldenFileV2()
    {
        var json = InstanceStateSerializer.Serialize(SampleWithScopes());

        Assert.Equal(File.ReadAllText(GoldenV2Path).Trim(), json);
    }

    [Fact]
    public void Deserialize_GoldenFileV2_RestoresScopeVariablesAndLoopCounters()
    {
        var summary = new InstanceSummary("i1", "d1", "p", 3, "bk", InstanceStates.Failed, 7, T, null, T);

        var instance = InstanceStateSerializer.Deserialize(new StoredInstance(summary, File.ReadAllText(GoldenV2Path)));

        Assert.Equal(6, instance.LastTokenNumber);
        var body = instance.Tokens[2];
        Assert.Null(body.LoopCounter);
        Assert.Equal(2L, body.Variables!["nrOfInstances"]);
        var inner = instance.Tokens[3];
        Assert.Equal("5", inner.ScopeId);
        Assert.Equal(1, inner.LoopCounter);
        Assert.Equal("b", inner.Variables!["item"]);
        Assert.Null(instance.Tokens[0].Variables);
        Assert.Equal(InstanceStateSerializer.Serialize(instance), File.ReadAllText(GoldenV2Path).Trim());
    }

    [Fact]
    public void Deserialize_UnknownFutureVersion_IsRefused()
    {
        var summary = new InstanceSummary("i1", "d1", "p", 3, null, InstanceStates.Running, 1, T, null, T);
        var json = File.ReadAllText(GoldenV2Path).Replace("{\"v\":2,", "{\"v\":3,", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => InstanceStateSerializer.Deserialize(new StoredInstance(summary, json)));
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

        // A version 1 state is written back as version 2 with the same content.
        Assert.Equal(File.ReadAllText(GoldenPath).Trim().Replace("{\"v\":1,", "{\"v\":2,", StringComparison.Ordinal), InstanceStateSerializer.Serialize(instance));
    }

    private static ProcessInstance SampleWithScopes()
    {
        var instance = Sample();
        instance.LastTokenNumber = 6;
        instance.Tokens.Add(new Token
        {
            Id = "5", ActivityId = "each", State = TokenState.Waiting, ViaFlowId = "f3", Since = T,
            Variables = new Dictionary<string, object?> { ["nrOfInstances"] = 2L, ["nrOfActiveInstances"] = 1L, ["nrOfCompletedInstances"] = 1L },
        });
        instance.Tokens.Add(new Token
        {
            Id = "6", ActivityId = "each", State = TokenState.Waiting, ScopeId = "5", Since = T, WorkItemId = "task-2", LoopCounter = 1,
            Variables = new Dictionary<string, object?> { ["loopCounter"] = 1L, ["item"] = "b" },
        });
        return instance;
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
