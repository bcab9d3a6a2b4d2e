using System.Diagnostics.Metrics;
using System.Net;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>The engine's metrics, read by an in-memory OpenTelemetry exporter, move as commands commit.</summary>
public sealed class Issue19MetricsTests : IDisposable
{
    // Keys no other test deploys, in case a server running beside this one reaches this exporter.
    private static readonly string TaskModel = BatchTestSupport.WaitingModel("i19-metrics-task");

    private const string FailingModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="i19-metrics-failing" name="Failing" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="script" />
            <scriptTask id="script" name="Fails" scriptFormat="javascript"><script>throw new Error('broken');</script></scriptTask>
            <sequenceFlow id="f2" sourceRef="script" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private const string TimerModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="i19-metrics-timer" name="Timer" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT5M</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private const string JobModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="i19-metrics-job" name="Job" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
            <serviceTask id="charge" name="Charge" camunda:type="external" camunda:topic="i19-metrics" />
            <sequenceFlow id="f2" sourceRef="charge" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private readonly ManualClock _clock = new();
    private readonly ExportedItems<MetricSnapshot> _exported = new();
    private readonly ServerFactory _server;

    public Issue19MetricsTests()
    {
        // Exported only when the test collects: a periodic export running beside a collection would hand it an old one.
        _server = new ServerFactory(clock: _clock, services: s => s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(
            _exported, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)TimeSpan.FromDays(1).TotalMilliseconds)));
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue19_StartClaimComplete_MovesStartedCompletedAndTaskTimes()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(TaskModel);
        var before = Collect();

        // Act: start, claim after 2 minutes, complete after 3 more.
        var instance = await hal.StartAsync("i19-metrics-task", new { });
        var task = await hal.GetAsync((await hal.FollowAsync(instance, "bpm:tasks")).Links("item").Single());
        _clock.Advance(TimeSpan.FromMinutes(2));
        using (var claimed = await hal.SubmitAsync(task, "claim", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
            task = await HalClient.ReadAsync(claimed);
        }

        _clock.Advance(TimeSpan.FromMinutes(3));
        using (var completed = await hal.SubmitAsync(task, "complete", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        }

        // Assert
        var after = Collect();
        Assert.Equal(0, Sum(before, "bpm.instances.started", "i19-metrics-task"));
        Assert.Equal(1, Sum(after, "bpm.instances.started", "i19-metrics-task"));
        Assert.Equal(1, Sum(after, "bpm.instances.completed", "i19-metrics-task"));
        Assert.Equal(0, Sum(after, "bpm.instances.failed", "i19-metrics-task"));
        Assert.Equal((1, 120.0), Histogram(after, "bpm.task.wait.duration", "i19-metrics-task"));
        Assert.Equal((1, 180.0), Histogram(after, "bpm.task.work.duration", "i19-metrics-task"));

        // The store reported its batches and their latency.
        Assert.True(Histogram(after, "bpm.store.batch.size", null).Count >= 4);
        Assert.True(Histogram(after, "bpm.store.commit.duration", null).Count >= 4);
    }

    [Fact]
    public async Task Issue19_FailingScript_CountsAFailedInstanceAndAnOpenIncident_UntilResolved()
    {
        // Arrange
        var hal = _server.Hal();
        await hal.DeployAsync(FailingModel);

        // Act
        var instance = await hal.StartAsync("i19-metrics-failing", new { });
        var failed = Collect();
        var openWhileFailed = OpenIncidentsNow();
        var incident = Assert.Single(instance.Embedded("bpm:incidents"));
        using (var resolved = await hal.SubmitAsync(incident, "resolve", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        var afterResolve = Collect();

        // Assert: the instance failed once, its incident was open and is no more (the gauge reads this server's store).
        Assert.Equal("failed", instance.String("state"));
        Assert.Equal(1, Sum(failed, "bpm.instances.failed", "i19-metrics-failing"));
        Assert.Equal(1, Sum(failed, "bpm.incidents.created", "i19-metrics-failing"));
        Assert.Equal(1, openWhileFailed);
        Assert.Contains(failed, m => m.Name == "bpm.incidents.open");
        Assert.Equal(1, Sum(afterResolve, "bpm.incidents.created", "i19-metrics-failing"));
        Assert.Equal(0, OpenIncidentsNow());
        Assert.Equal(1, Sum(afterResolve, "bpm.instances.completed", "i19-metrics-failing"));
    }

    [Fact]
    public async Task Issue19_TimerFiredLate_RecordsItsLag()
    {
        // Arrange: a five-minute timer, fired 7 seconds after it was due.
        var hal = _server.Hal();
        await hal.DeployAsync(TimerModel);
        await hal.StartAsync("i19-metrics-timer", new { });
        var before = Histogram(Collect(), "bpm.timer.lag", "i19-metrics-timer");
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(7));

        // Act
        Assert.Equal(1, await _server.Scheduler.FireDueAsync(CancellationToken.None));

        // Assert
        var after = Collect();
        var lag = Histogram(after, "bpm.timer.lag", "i19-metrics-timer");
        Assert.Equal((0, 0.0), before);
        Assert.Equal(1, lag.Count);
        Assert.Equal(7.0, lag.Sum, precision: 3);
        Assert.Equal(1, Sum(after, "bpm.instances.completed", "i19-metrics-timer"));
    }

    [Fact]
    public async Task Issue19_JobCompletedAfterItsLock_RecordsLockToComplete()
    {
        // Arrange: a worker locks the job, then reports 42 seconds later.
        var hal = _server.Hal();
        await hal.DeployAsync(JobModel);
        await hal.StartAsync("i19-metrics-job", new { });
        var jobs = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:jobs", new Dictionary<string, string> { ["topic"] = "i19-metrics" });
        using var locked = await hal.SubmitAsync(jobs, "lock", new { workerId = "w1", maxJobs = 1, lockDuration = "PT10M" });
        var job = Assert.Single((await HalClient.ReadAsync(locked)).Embedded("item"));
        _clock.Advance(TimeSpan.FromSeconds(42));

        // Act
        using var completed = await hal.SubmitAsync(job, "complete", new { workerId = "w1" });

        // Assert
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var after = Collect();
        Assert.Equal((1, 42.0), Histogram(after, "bpm.job.lock_to_complete.duration", "i19-metrics-job"));
        Assert.Equal(1, Sum(after, "bpm.instances.completed", "i19-metrics-job"));
    }

    /// <summary>Collects now (cumulative totals) and returns what was exported.</summary>
    private List<MetricSnapshot> Collect()
    {
        // False because of the Prometheus reader (it only collects for a scrape); the in-memory reader has exported by then.
        _exported.Clear();
        _server.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.NotEmpty(_exported);
        return _exported.Snapshot();
    }

    private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> metrics, string name, string? process) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Where(p => process is null || HasProcess(p, process));

    private static bool HasProcess(MetricPoint point, string process)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == "bpm.process.key" && Equals(tag.Value, process))
            {
                return true;
            }
        }

        return false;
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, string process) => Points(metrics, name, process).Sum(p => p.GetSumLong());

    /// <summary>
    /// The open-incidents gauge of this server alone: read through a listener on this server's meter factory, since
    /// the gauge has no tag that tells servers running beside this test apart.
    /// </summary>
    private long OpenIncidentsNow()
    {
        var factory = _server.Services.GetRequiredService<IMeterFactory>();
        long? value = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "bpm.incidents.open" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value ?? throw new InvalidOperationException("This server has no open-incidents gauge.");
    }

    private static (long Count, double Sum) Histogram(List<MetricSnapshot> metrics, string name, string? process)
    {
        var points = Points(metrics, name, process).ToList();
        return (points.Sum(p => p.GetHistogramCount()), points.Sum(p => p.GetHistogramSum()));
    }
}
