using BenchmarkDotNet.Attributes;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Storage.Sqlite;

namespace HypermediaBpm.Bench;

/// <summary>One command's latency and allocations (single caller, so no group commit), per model.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly Dictionary<string, object?> _form = new() { ["amount"] = 10L };
    private string _dir = null!;
    private SqliteEngineStore _store = null!;
    private ProcessEngine _engine = null!;

    [Params("straight-through", "parallel-straight-through")]
    public string Model { get; set; } = null!;

    [Params(SqliteSynchronous.Normal, SqliteSynchronous.Full)]
    public SqliteSynchronous Synchronous { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "hbpm-bdn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _store = new SqliteEngineStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "b.db"), Synchronous = Synchronous });
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _engine = new ProcessEngine(_store);
        _engine.DeployAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", Model + ".bpmn")), null, null, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<CommandOutcome> Start() =>
        _engine.StartAsync(Model, null, null, _form, false, CommandContext.Anonymous, CancellationToken.None);

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, true);
    }
}
