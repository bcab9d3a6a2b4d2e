using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Tests.Variables;

/// <summary>Issue 18: measuring a start's variables is on every command's path, so it must not allocate.</summary>
public sealed class Issue18VariableSizeTests
{
    [Fact]
    public void Issue18_ScalarsAndShortStringsWithinTheLimit_AreMeasuredWithoutAllocating()
    {
        object?[] values = [null, true, 150L, 12, 1.5, 12.5m, "Validate", "é"];
        foreach (var value in values)
        {
            Assert.False(VariableSize.Exceeds(value, VariableSizeLimit.DefaultMaxBytes));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        foreach (var value in values)
        {
            VariableSize.Exceeds(value, VariableSizeLimit.DefaultMaxBytes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    [Fact]
    public void Issue18_MeasuringAfterALimitWasPassed_CountsTheNextValueFromZero()
    {
        var many = Enumerable.Range(0, 100_000).Select(i => (object?)(long)i).ToList();
        Assert.True(VariableSize.Exceeds(many, 1024));

        // The thread's reused writer must not carry the aborted value's bytes or nesting into the next one.
        Assert.False(VariableSize.Exceeds(new List<object?> { 1L, "x" }, 7));
        Assert.True(VariableSize.Exceeds(new List<object?> { 1L, "x" }, 6));
        Assert.False(VariableSize.Exceeds(new Dictionary<string, object?> { ["a"] = 1L }, 7));
    }

    [Fact]
    public void Issue18_ALongStringNearTheLimit_IsStillMeasuredExactly()
    {
        // Past the ceiling shortcut (six bytes a character) but within the limit once written: must be serialized.
        var text = new string('a', 1000);

        Assert.False(VariableSize.Exceeds(text, 1002));
        Assert.True(VariableSize.Exceeds(text, 1001));
    }
}
