using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Sql;
using HypermediaBpm.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    private const string ParticipantColumns = "kind, id, name, created_at";
    private const string ParticipantByKeySql = $"SELECT {ParticipantColumns} FROM participants WHERE key = $key;";
    private const string ParticipantCountSql = "SELECT COUNT(*) FROM participants;";

    /// <inheritdoc />
    public Task<bool> AddParticipantAsync(ParticipantRecord participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return Writer.SubmitAsync(new AddParticipantOperation(participant), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveParticipantAsync(string kind, string id, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new RemoveParticipantOperation(kind + ":" + id), cancellationToken);

    /// <inheritdoc />
    public Task<ParticipantRecord?> GetParticipantAsync(string kind, string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(ParticipantByKeySql, "$key", kind + ":" + id, Participant), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Participants are few (people and groups, not instances): the total is a plain COUNT.</remarks>
    public Task<Page<ParticipantRecord>> QueryParticipantsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var query = new KeysetQuery<ParticipantRecord>
        {
            Columns = ParticipantColumns,
            From = "participants",
            KeyColumn = "key",
            Descending = false,
            Map = Participant,
            KeyOf = static p => p.Key,
        };
        return Reads.ReadAsync(c => c.InSnapshot(s => KeysetPager.Fetch(s, query, page, t => t.Scalar(ParticipantCountSql))), cancellationToken);
    }

    private static ParticipantRecord Participant(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), SqliteTime.Read(r, 3));
}
