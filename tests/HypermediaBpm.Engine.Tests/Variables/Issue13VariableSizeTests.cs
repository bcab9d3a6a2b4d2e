using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Tests.Variables;

/// <summary>Issue 13, finding 5: a variable is measured as the store keeps it, its UTF-8 JSON.</summary>
public sealed class Issue13VariableSizeTests
{
    public static TheoryData<object?, long> Values => new()
    {
        { null, 4 },
        { true, 4 },
        { 12345L, 5 },
        { "abc", 5 },
        { "é", 8 }, // written as \u00E9
        { new Dictionary<string, object?> { ["a"] = 1L }, 7 },
        { new List<object?> { 1L, "x" }, 7 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Issue13_VariableSize_IsTheLengthOfItsJson(object? value, long bytes)
    {
        Assert.False(VariableSize.Exceeds(value, bytes));
        Assert.True(VariableSize.Exceeds(value, bytes - 1));
    }

    [Fact]
    public void Issue13_HugeString_IsRefusedWithoutBeingSerialized()
    {
        var huge = new string('x', 64 * 1024 * 1024);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(VariableSize.Exceeds(huge, 1024 * 1024));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1024 * 1024);
    }

    [Fact]
    public void Issue13_ManySmallItems_StopCountingPastTheLimit()
    {
        var many = Enumerable.Range(0, 2_000_000).Select(i => (object?)(long)i).ToList();

        Assert.True(VariableSize.Exceeds(many, 1024 * 1024));
    }
}
