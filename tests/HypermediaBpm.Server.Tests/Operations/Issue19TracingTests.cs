using System.Diagnostics;
using System.Net;
using HypermediaBpm.Engine.Telemetry;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>Traces through the real pipeline into an in-memory OpenTelemetry exporter: HTTP, engine command, store.</summary>
public sealed class Issue19TracingTests : IDisposable
{
    private static readonly string Model = BatchTestSupport.WaitingModel("i19-traced");

    private readonly ExportedItems<Activity> _exported = new();
    private readonly ServerFactory _server;

    public Issue19TracingTests()
    {
        _server = new ServerFactory(services: s => s.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_exported)));
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue19_OneStart_IsOneTraceThroughHttpEngineAndStore()
    {
        // Arrange: the request carries a W3C trace context whose trace the test knows.
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var traceId = ActivityTraceId.CreateRandom();
        hal.Http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        // Act
        var instance = await hal.StartAsync("i19-traced", new { });

        // Assert: the server span, the engine's command inside it, the store's write inside that.
        Assert.Equal("running", instance.String("state"));
        var trace = await Eventually.FindAsync(
            () => Task.FromResult(Spans(traceId) is { } spans && spans.Any(a => a.Kind == ActivityKind.Server && a.DisplayName.StartsWith("POST", StringComparison.Ordinal)) ? spans : null),
            () => "no server span: " + string.Join(", ", Spans(traceId)?.Select(a => a.DisplayName) ?? []));
        var server = Assert.Single(trace, a => a.Kind == ActivityKind.Server && a.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        var command = Assert.Single(trace, a => a.OperationName == EngineTelemetry.CommandActivity);
        Assert.Equal(server.SpanId, command.ParentSpanId);
        Assert.Equal("instance-started", command.GetTagItem("bpm.command"));
        Assert.Equal("i19-traced", command.GetTagItem("bpm.process.key"));
        Assert.Equal(instance.String("id"), command.GetTagItem("bpm.instance.id"));
        var write = Assert.Single(trace, a => a.OperationName == EngineTelemetry.StoreWriteActivity && a.ParentSpanId == command.SpanId);
        Assert.Equal("sqlite", write.GetTagItem("db.system.name"));

        // The store's commit batch is a span of its own, linked to the command it carried.
        var batch = _exported.Snapshot().SingleOrDefault(a => a.OperationName == EngineTelemetry.CommitBatchActivity
            && a.Links.Any(l => l.Context.TraceId == traceId && l.Context.SpanId == command.SpanId));

        Assert.NotNull(batch);
        Assert.True((int)batch.GetTagItem("bpm.batch.size")! >= 1);
        Assert.True(command.StartTimeUtc <= write.StartTimeUtc && write.StartTimeUtc <= batch.StartTimeUtc);
    }

    [Fact]
    public async Task Issue19_RefusedCommand_IsAnErrorSpanInItsTrace()
    {
        // Arrange: a task completed once; completing it again is refused.
        var hal = _server.Hal();
        await hal.DeployAsync(Model);
        var instance = await hal.StartAsync("i19-traced", new { });
        var task = await hal.GetAsync((await hal.FollowAsync(instance, "bpm:tasks")).Links("item").Single());
        using (var first = await hal.SubmitAsync(task, "complete", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var traceId = ActivityTraceId.CreateRandom();

        // Act: the stale template again, in a trace of its own.
        using var again = await hal.SubmitAsync(task, "complete", new { }, r => r.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01"));

        // Assert: refused before any command ran, so the trace holds the server span and no command.
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var trace = await Eventually.FindAsync(
            () => Task.FromResult(Spans(traceId) is { } spans && spans.Any(a => a.Kind == ActivityKind.Server) ? spans : null), () => "no server span");
        Assert.DoesNotContain(trace, a => a.OperationName == EngineTelemetry.CommandActivity);
        Assert.Equal(409, Assert.Single(trace, a => a.Kind == ActivityKind.Server).GetTagItem("http.response.status_code"));
    }

    private List<Activity>? Spans(ActivityTraceId traceId)
    {
        var spans = _exported.Snapshot().Where(a => a.TraceId == traceId).ToList();
        return spans.Count == 0 ? null : spans;
    }
}
