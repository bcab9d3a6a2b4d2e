using HypermediaBpm.Bpmn.Parsing;

namespace HypermediaBpm.Bpmn.Tests;

/// <summary><c>camunda:historyTimeToLive</c> on a process (issue 19, history retention).</summary>
public class HistoryTimeToLiveTests
{
    [Theory]
    [InlineData("30", 30 * 24 * 60)]
    [InlineData("0", 0)]
    [InlineData("P30D", 30 * 24 * 60)]
    [InlineData("PT1H", 60)]
    [InlineData("P1DT12H", 36 * 60)]
    public void Issue19_Parse_ValidTimeToLive_IsKeptOnTheProcess(string value, int minutes)
    {
        var process = TestBpmn.Parse(WithTimeToLive(value)).Definitions!.Processes[0];

        Assert.Equal(TimeSpan.FromMinutes(minutes), process.HistoryTimeToLive);
    }

    [Fact]
    public void Issue19_Parse_NoTimeToLive_IsNull()
    {
        var process = TestBpmn.Parse(TestBpmn.Process("<bpmn:startEvent id=\"start\" />")).Definitions!.Processes[0];

        Assert.Null(process.HistoryTimeToLive);
    }

    [Theory]
    [InlineData("thirty")]
    [InlineData("-1")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("-P1D")]
    [InlineData("99999999")]
    public void Issue19_Parse_InvalidTimeToLive_IsAnErrorAtTheProcess(string value)
    {
        var result = TestBpmn.Parse(WithTimeToLive(value));

        var error = Assert.Single(result.Errors());
        Assert.Equal(ProblemCodes.InvalidValue, error.Code);
        Assert.Equal("p", error.ElementId);
        Assert.True(error.Line > 0 && error.Column > 0);
        Assert.Contains("historyTimeToLive", error.Message, StringComparison.Ordinal);
    }

    private static string WithTimeToLive(string value) =>
        TestBpmn.Process("<bpmn:startEvent id=\"start\" />")
            .Replace("<bpmn:process id=\"p\"", $"<bpmn:process id=\"p\" camunda:historyTimeToLive=\"{value}\"", StringComparison.Ordinal);
}
