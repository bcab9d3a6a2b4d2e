using System.Globalization;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using static HypermediaBpm.Storage.Sqlite.Reading.RowMappers;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string HistoryTotalSql = "SELECT n FROM store_counters WHERE name = 'history';";
    private const string IdempotencyByKeySql = $"SELECT {IdempotencyColumns} FROM idempotency WHERE key = $key;";

    /// <inheritdoc />
    /// <remarks>
    /// Page key = the sequence number. One instance: oldest first, total counted over (instance_id, seq).
    /// All instances: newest first, total from the trigger-kept <c>store_counters</c> row.
    /// </remarks>
    public Task<Page<HistoryEvent>> QueryHistoryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keyset = new KeysetQuery<HistoryEvent>
        {
            Columns = HistoryColumns,
            From = "history",
            KeyColumn = "seq",
            Descending = query.InstanceId is null,
            Map = History,
            KeyOf = SequenceKey,
            ParseKey = ParseSequence,
        }.Where("instance_id = $instance", "$instance", query.InstanceId);

        return Reads.ReadAsync(
            c => c.InSnapshot(s => KeysetPager.Fetch(s, keyset, query.Page, t => query.InstanceId is null
                ? t.Scalar(HistoryTotalSql)
                : KeysetPager.Count(t, keyset))),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord?> GetIdempotencyRecordAsync(string key, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(IdempotencyByKeySql, "$key", key, Idempotency), cancellationToken);

    private static object ParseSequence(string key)
    {
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return sequence;
        }

        var message = $"'{key}' is not a history page key (a sequence number).";
        throw new ValidationException("INVALID_PAGE_KEY", message, [new ValidationError("INVALID_PAGE_KEY", message, "page")]);
    }
}
