using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Tests.Persistence;

/// <summary>
/// The stored state with what can still be compensated (<c>"compensations"</c>, written only when there is any, so every
/// document written before issue 15 is unchanged), pinned by its own golden file.
/// </summary>
public sealed class Issue15CompensationStateTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);
    private static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "Golden", "instance-state-v2-compensations.json");

    [Fact]
    public void Issue15_Serialize_InstanceWithCompensations_MatchesGoldenFile()
    {
        Assert.Equal(File.ReadAllText(GoldenPath).Trim(), InstanceStateSerializer.Serialize(Sample()));
    }

    [Fact]
    public void Issue15_Deserialize_GoldenFile_RestoresTheCompensationsInOrder()
    {
        var summary = new InstanceSummary("i1", "d1", "p", 1, null, InstanceStates.Running, 3, T, null, T);

        var instance = InstanceStateSerializer.Deserialize(new StoredInstance(summary, File.ReadAllText(GoldenPath)));

        Assert.Equal(
            [("c3", "bookHotel", "undoHotel", null, null), ("c5", "booking", null, null, null), ("c4", "bookFlight", "undoFlight", "c5", null), ("c6", "pay", "undoPay", null, "7")],
            instance.Compensations.Select(c => (c.Id, c.ActivityId, c.HandlerId, c.ScopeId, c.ThrowerId)));
        Assert.Equal(File.ReadAllText(GoldenPath).Trim(), InstanceStateSerializer.Serialize(instance));
    }

    private static ProcessInstance Sample()
    {
        var instance = new ProcessInstance
        {
            Id = "i1", DefinitionId = "d1", ProcessKey = "p", ProcessVersion = 1, StartedAt = T, UpdatedAt = T, LastTokenNumber = 8,
        };
        instance.Tokens.Add(new Token { Id = "7", ActivityId = "refund", State = TokenState.Waiting, ViaFlowId = "f4", Since = T });
        instance.Tokens.Add(new Token { Id = "8", ActivityId = "undoPay", State = TokenState.Waiting, ScopeId = "7", Since = T, WorkItemId = "task-9" });
        instance.Compensations.Add(new CompensationRecord { Id = "c3", ActivityId = "bookHotel", HandlerId = "undoHotel" });
        instance.Compensations.Add(new CompensationRecord { Id = "c5", ActivityId = "booking" });
        instance.Compensations.Add(new CompensationRecord { Id = "c4", ActivityId = "bookFlight", HandlerId = "undoFlight", ScopeId = "c5" });
        instance.Compensations.Add(new CompensationRecord { Id = "c6", ActivityId = "pay", HandlerId = "undoPay", ThrowerId = "7" });
        return instance;
    }
}
