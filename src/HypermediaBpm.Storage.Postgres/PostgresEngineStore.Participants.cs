using System.Text.Json;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Reading;
using HypermediaBpm.Storage.Postgres.Sql;
using HypermediaBpm.Storage.Postgres.Writing;

namespace HypermediaBpm.Storage.Postgres;

/// <summary>Participants, and try-confirm/cancel: reservations (the participant side) and coordination records (the coordinator side).</summary>
public sealed partial class PostgresEngineStore
{
    private const string ParticipantColumns = "kind, id, name, created_at";
    private const string ParticipantByKeySql = $"SELECT {ParticipantColumns} FROM participants WHERE key = @p;";
    private const string ParticipantCountSql = "SELECT COUNT(*) FROM participants;";
    private const string ReservationColumns =
        "id, definition_id, process_key, process_version, business_key, variables_json, state, created_at, expires_at, updated_at, instance_id";

    private const string ReservationByIdSql = $"SELECT {ReservationColumns} FROM reservations WHERE id = @p;";
    private const string TransactionColumns = "id, operation, state, created_at, updated_at, participants_json, steps_json, instance_id";
    private const string TransactionByIdSql = $"SELECT {TransactionColumns} FROM tcc_transactions WHERE id = @p;";

    /// <inheritdoc />
    public Task<bool> AddParticipantAsync(ParticipantRecord participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return Writer.SubmitAsync(new AddParticipantOperation(participant), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveParticipantAsync(string kind, string id, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new RemoveParticipantOperation(kind, id), cancellationToken);

    /// <inheritdoc />
    public Task<ParticipantRecord?> GetParticipantAsync(string kind, string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(ParticipantByKeySql, kind + ":" + id, Participant), cancellationToken);

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
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, query, page, t => t.ScalarAsync(ParticipantCountSql)), cancellationToken);
    }

    /// <inheritdoc />
    public Task AddReservationAsync(ReservationRecord reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return Writer.SubmitAsync(new AddReservationOperation(reservation), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReservationRecord?> GetReservationAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(ReservationByIdSql, id, Reservation), cancellationToken);

    /// <inheritdoc />
    public Task<Page<ReservationRecord>> QueryReservationsAsync(ReservationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keyset = new KeysetQuery<ReservationRecord>
        {
            Columns = ReservationColumns,
            From = "reservations",
            KeyColumn = "id",
            Descending = true,
            Map = Reservation,
            KeyOf = static r => r.Id,
        }.Where("process_key = @process", "process", query.ProcessKey);
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, keyset, query.Page, t => KeysetPager.CountAsync(t, keyset)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> CancelReservationAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new CancelReservationOperation(id, now), cancellationToken);

    /// <inheritdoc />
    public Task<int> ExpireReservationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Writer.SubmitAsync(new ExpireReservationsOperation(now, limit), cancellationToken);

    /// <inheritdoc />
    public Task SaveTransactionAsync(TransactionRecord transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return Writer.SubmitAsync(new SaveTransactionOperation(transaction), cancellationToken);
    }

    /// <inheritdoc />
    public Task<TransactionRecord?> GetTransactionAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync(s => s.SingleAsync(TransactionByIdSql, id, Transaction), cancellationToken);

    /// <inheritdoc />
    public Task<Page<TransactionRecord>> QueryTransactionsAsync(TransactionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keyset = new KeysetQuery<TransactionRecord>
        {
            Columns = TransactionColumns,
            From = "tcc_transactions",
            KeyColumn = "id",
            Descending = true,
            Map = Transaction,
            KeyOf = static t => t.Id,
        }.Where("state = @state", "state", query.State);
        return SnapshotAsync(s => KeysetPager.FetchAsync(s, keyset, query.Page, t => KeysetPager.CountAsync(t, keyset)), cancellationToken);
    }

    private static ParticipantRecord Participant(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.NullableString(2), PostgresTime.Read(r, 3));

    private static ReservationRecord Reservation(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.NullableString(4), r.GetString(5), r.GetString(6),
        PostgresTime.Read(r, 7), PostgresTime.Read(r, 8), PostgresTime.Read(r, 9), r.NullableString(10));

    private static TransactionRecord Transaction(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), PostgresTime.Read(r, 3), PostgresTime.Read(r, 4),
        JsonSerializer.Deserialize<List<TransactionParticipant>>(r.GetString(5), SaveTransactionOperation.Json) ?? [],
        JsonSerializer.Deserialize<List<TransactionStep>>(r.GetString(6), SaveTransactionOperation.Json) ?? [])
    {
        InstanceId = r.NullableString(7),
    };
}
