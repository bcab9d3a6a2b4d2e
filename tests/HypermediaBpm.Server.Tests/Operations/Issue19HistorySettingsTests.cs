using System.Net;
using HypermediaBpm.Server.Hosting;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>The <c>History</c> settings and the background cleanup they drive (issue 19, history retention).</summary>
public sealed class Issue19HistorySettingsTests
{
    [Theory]
    [InlineData("P30D", 30 * 24 * 60)]
    [InlineData("PT1H", 60)]
    [InlineData("30.00:00:00", 30 * 24 * 60)]
    [InlineData("00:15:00", 15)]
    public void Issue19_Read_TimeToLive_TimeSpanOrIsoDuration(string value, int minutes)
    {
        var options = HistorySettings.Read(Settings(("History:TimeToLive", value)));

        Assert.Equal(TimeSpan.FromMinutes(minutes), options.TimeToLive);
    }

    [Fact]
    public void Issue19_Read_Nothing_KeepsHistoryForever_WithDefaults()
    {
        var options = HistorySettings.Read(Settings());

        Assert.Null(options.TimeToLive);
        Assert.Equal(500, options.CleanupBatchSize);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CleanupInterval);
    }

    [Theory]
    [InlineData("History:TimeToLive", "a month")]
    [InlineData("History:TimeToLive", "-P1D")]
    [InlineData("History:CleanupBatchSize", "0")]
    [InlineData("History:CleanupInterval", "00:00:00")]
    public void Issue19_Read_BadValue_StopsTheServer(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HistorySettings.Read(Settings((key, value))));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue19_BackgroundCleanup_RemovesAnExpiredInstanceByItself()
    {
        // Arrange: no time to live at all, a cleanup every second, on the real clock.
        using var server = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["History:TimeToLive"] = "PT0S",
            ["History:CleanupInterval"] = "00:00:01",
        });
        var hal = server.Hal();
        await hal.DeployAsync("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="i19-retention-background" isExecutable="true">
                <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="end" /><endEvent id="end" />
              </process>
            </definitions>
            """);

        // Act
        var instance = (await hal.StartAsync("i19-retention-background", new { })).String("id");

        // Assert
        await Eventually.FindAsync(async () =>
        {
            using var response = await hal.Http.GetAsync($"/instances/{instance}");
            return response.StatusCode == HttpStatusCode.NotFound ? "gone" : null;
        }, () => $"instance {instance} was not removed by the background cleanup");
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
