using System.Text.Json;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Reading;
using HypermediaBpm.Storage.Sqlite.Sql;
using HypermediaBpm.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite;

/// <summary>Try-confirm/cancel: reservations (the participant side) and coordination records (the coordinator side).</summary>
public sealed partial class SqliteEngineStore
{
    private const string ReservationColumns =
        "id, definition_id, process_key, process_version, business_key, variables_json, state, created_at, expires_at, updated_at, instance_id";

    private const string ReservationByIdSql = $"SELECT {ReservationColumns} FROM reservations WHERE id = $id;";
    private const string TransactionColumns = "id, operation, state, created_at, updated_at, participants_json, steps_json, instance_id";
    private const string TransactionByIdSql = $"SELECT {TransactionColumns} FROM tcc_transactions WHERE id = $id;";

    /// <inheritdoc />
    public Task AddReservationAsync(ReservationRecord reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return Writer.SubmitAsync(new AddReservationOperation(reservation), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReservationRecord?> GetReservationAsync(string id, CancellationToken cancellationToken) =>
        Reads.ReadAsync(c => c.Single(ReservationByIdSql, "$id", id, Reservation), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Reservations are short-lived and few next to instances: the total is a COUNT over the process index.</remarks>
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
        }.Where("process_key = $process", "$process", query.ProcessKey);
        return Reads.ReadAsync(c => c.InSnapshot(s => KeysetPager.Fetch(s, keyset, query.Page, t => KeysetPager.Count(t, keyset))), cancellationToken);
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
        Reads.ReadAsync(c => c.Single(TransactionByIdSql, "$id", id, Transaction), cancellationToken);

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
        }.Where("state = $state", "$state", query.State);
        return Reads.ReadAsync(c => c.InSnapshot(s => KeysetPager.Fetch(s, keyset, query.Page, t => KeysetPager.Count(t, keyset))), cancellationToken);
    }

    private static ReservationRecord Reservation(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.NullableString(4), r.GetString(5), r.GetString(6),
        SqliteTime.Read(r, 7), SqliteTime.Read(r, 8), SqliteTime.Read(r, 9), r.NullableString(10));

    private static TransactionRecord Transaction(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), SqliteTime.Read(r, 3), SqliteTime.Read(r, 4),
        JsonSerializer.Deserialize<List<TransactionParticipant>>(r.GetString(5), SaveTransactionOperation.Json) ?? [],
        JsonSerializer.Deserialize<List<TransactionStep>>(r.GetString(6), SaveTransactionOperation.Json) ?? [])
    {
        InstanceId = r.NullableString(7),
    };
}
