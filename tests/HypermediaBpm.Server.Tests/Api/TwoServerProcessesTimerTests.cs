using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HypermediaBpm.Server.Tests.Api;

/// <summary>
/// Two server processes on one SQLite file, each with its own timer scheduler: 1,000 instances wait on a timer,
/// and every timer fires exactly once (a scheduler claims a due timer with a lease, and its firing commits only
/// while it still holds that lease).
/// </summary>
public sealed class TwoServerProcessesTimerTests(ITestOutputHelper output) : IDisposable
{
    private const int Instances = 1000;

    private const string Model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="wait-a-little" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT2S</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private readonly TestDirectory _directory = new("two-servers");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TwoServerProcesses_OneDatabase_FireEachOfAThousandTimersExactlyOnce()
    {
        // Arrange: two processes on one file; short idle delays so both schedulers look often.
        var database = _directory.File("shared.db");
        var settings = new Dictionary<string, string>
        {
            ["Storage:Path"] = database, ["Samples:Deploy"] = "false", ["Timers:MaxIdleDelay"] = "00:00:00.200",
        };
        await using var first = await ServerProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        await using var second = await ServerProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        using var a = first.Client();
        using var b = second.Client();
        using (var deploy = new StringContent(Model, Encoding.UTF8, "application/bpmn+xml"))
        {
            Assert.Equal(HttpStatusCode.Created, (await a.PostAsync("/processes", deploy)).StatusCode);
        }

        // Act: half the instances start through each server, eight requests at a time.
        await Parallel.ForEachAsync(Enumerable.Range(0, Instances), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var body = new StringContent("{}", Encoding.UTF8, "application/json");
            var response = await (i % 2 == 0 ? a : b).PostAsync("/processes/wait-a-little/instances", body, ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });
        var completed = 0L;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (completed < Instances && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/instances?state=completed&pageSize=1");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var doc = JsonDocument.Parse(await (await b.SendAsync(request)).Content.ReadAsStringAsync());
            completed = doc.RootElement.GetProperty("data").GetProperty("total").GetInt64();
        }

        // Assert: every instance completed, each by exactly one timer firing, and no timer is left.
        Assert.Equal(Instances, completed);
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Assert.Equal(Instances, Scalar(connection, "SELECT COUNT(DISTINCT instance_id) FROM history WHERE type = 'event-received';"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM (SELECT instance_id FROM history WHERE type = 'event-received' GROUP BY instance_id HAVING COUNT(*) <> 1);"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM subscriptions;"));
        using var split = connection.CreateCommand();
        split.CommandText = "SELECT json_extract(data_json, '$.firedBy'), COUNT(*) FROM history WHERE type = 'event-received' GROUP BY 1;";
        using var reader = split.ExecuteReader();
        while (reader.Read())
        {
            output.WriteLine($"{reader.GetString(0)} fired {reader.GetInt64(1)} timers");
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
