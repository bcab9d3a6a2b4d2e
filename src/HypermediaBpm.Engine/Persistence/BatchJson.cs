using System.Text.Json;

namespace HypermediaBpm.Engine.Persistence;

/// <summary>How the stores keep a batch's filter and failures (JSON text, read and written whole), and its events' data.</summary>
public static class BatchJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Filter(BatchFilter filter) => JsonSerializer.Serialize(filter, Options);

    public static BatchFilter Filter(string json) => JsonSerializer.Deserialize<BatchFilter>(json, Options) ?? new BatchFilter();

    public static string Failures(IReadOnlyList<BatchFailure> failures) => JsonSerializer.Serialize(failures, Options);

    public static IReadOnlyList<BatchFailure> Failures(string json) => JsonSerializer.Deserialize<List<BatchFailure>>(json, Options) ?? [];

    /// <summary>The kept failures after a chunk: the earlier ones, then the chunk's, up to <see cref="BatchHistoryTypes.MaxFailuresKept"/>.</summary>
    public static IReadOnlyList<BatchFailure> Keep(IReadOnlyList<BatchFailure> earlier, IReadOnlyList<BatchFailure> added) =>
        [.. earlier.Concat(added).Take(BatchHistoryTypes.MaxFailuresKept)];

    /// <summary>The event log entry of a batch (its id where an instance's would be; the filter's process, or empty).</summary>
    public static HistoryEvent Event(BatchRecord batch, string type, string? user, DateTimeOffset at, object data) =>
        new(0, batch.Id, batch.Filter.ProcessKey ?? string.Empty, type, null, null, null, user, at, JsonSerializer.Serialize(data, Options));

    /// <summary>The data of a chunk's event: which numbers it covered and what came of them.</summary>
    public static object ChunkData(BatchChunk chunk, BatchRecord after) => new
    {
        from = chunk.From,
        to = chunk.To,
        done = chunk.Done,
        failed = chunk.Failed,
        total = after.Total,
        processed = after.Position,
    };
}
