using System.Globalization;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Writes one engine command's <see cref="ChangeSet"/>. Throwing leaves the rollback to the writer, which
/// undoes this change set alone (its savepoint) and fails only this caller.
/// </summary>
internal sealed class CommitChangeSetOperation(ChangeSet changes) : WriteOperation<bool>
{
    protected override bool Execute(WriterSession session)
    {
        var s = session.Statements;

        // The idempotency key first: a replayed request fails before anything else is touched.
        if (changes.Idempotency is { } idempotency && Insert(s.InsertIdempotency, idempotency) == 0)
        {
            throw new ConcurrencyConflictException(
                $"The Idempotency-Key '{idempotency.Key}' was taken by another request at the same time.",
                new Dictionary<string, object?> { ["idempotencyKey"] = idempotency.Key });
        }

        foreach (var write in changes.Instances)
        {
            WriteInstance(session, write);
        }

        foreach (var task in changes.Tasks)
        {
            Upsert(s.UpsertTask, task);
        }

        AppendHistory(session, changes.History);
        EventWrites.Apply(s, changes);
        ReservationWrites.Apply(session, changes);
        return true;
    }

    /// <summary>Appends events to the log (their sequence is the store's) and counts them.</summary>
    internal static void AppendHistory(WriterSession session, IReadOnlyList<HistoryEvent> events)
    {
        var s = session.Statements;
        session.Counters.HistoryChanged(events.Count);
        for (var start = 0; start < events.Count; start += WriterStatements.HistoryRowsPerStatement)
        {
            var rows = Math.Min(WriterStatements.HistoryRowsPerStatement, events.Count - start);
            var command = s.InsertHistory(rows);
            for (var r = 0; r < rows; r++)
            {
                var e = events[start + r];
                var p = r * WriterStatements.HistoryColumns;
                command.Set(p, e.InstanceId).Set(p + 1, e.ProcessKey).Set(p + 2, e.Type).Set(p + 3, e.ActivityId)
                    .Set(p + 4, e.ActivityName).Set(p + 5, e.ElementId).Set(p + 6, e.User)
                    .Set(p + 7, SqliteTime.ToTicks(e.Timestamp)).Set(p + 8, e.DataJson);
            }

            command.Execute();
            IndexParticipants(session, events, start, rows);
        }
    }

    /// <summary>
    /// The worklist feeds' rows for the task events among one INSERT's rows. One multi-row INSERT into an
    /// AUTOINCREMENT table inside the writer's exclusive transaction hands out consecutive sequences, so row
    /// <c>r</c> of <c>rows</c> got <c>last_insert_rowid() - (rows - 1) + r</c>. Done here rather than by a trigger
    /// on every history row: the trigger's sub-program ran for each event and cost the writer more than the rows
    /// it wrote (issue 18).
    /// </summary>
    private static void IndexParticipants(WriterSession session, IReadOnlyList<HistoryEvent> events, int start, int rows)
    {
        long last = 0;
        for (var r = 0; r < rows; r++)
        {
            var e = events[start + r];
            if (!HistoryParticipants.IsIndexed(e.Type))
            {
                continue;
            }

            if (last == 0)
            {
                last = SQLitePCL.raw.sqlite3_last_insert_rowid(session.Connection.Handle);
            }

            var seq = last - (rows - 1) + r;
            foreach (var participant in HistoryParticipants.Of(e.DataJson))
            {
                session.Statements.InsertFeedParticipant.Set(0, participant).Set(1, seq).Execute();
            }
        }
    }

    private static void WriteInstance(WriterSession session, InstanceWrite write)
    {
        var s = session.Statements;
        var i = write.Summary;
        if (write.ExpectedRevision == 0)
        {
            var inserted = s.InsertInstance
                .Set(0, i.Id).Set(1, i.DefinitionId).Set(2, i.ProcessKey).Set(3, i.ProcessVersion).Set(4, i.BusinessKey)
                .Set(5, i.State).Set(6, i.Revision).Set(7, SqliteTime.ToTicks(i.StartedAt)).Set(8, SqliteTime.ToDb(i.EndedAt))
                .Set(9, SqliteTime.ToTicks(i.UpdatedAt)).Set(10, write.StateJson)
                .Set(11, i.Parent?.InstanceId).Set(12, i.Parent?.TokenId).Set(13, i.Parent?.ActivityId)
                .Execute();
            if (inserted == 0)
            {
                throw Conflict(i.Id, write.ExpectedRevision, $"Process instance '{i.Id}' already exists.");
            }

            session.Counters.InstanceInserted(i.ProcessKey, i.State);
            return;
        }

        var updated = s.UpdateInstance
            .Set(0, i.Id).Set(1, i.DefinitionId).Set(2, i.ProcessVersion).Set(3, i.BusinessKey).Set(4, i.State)
            .Set(5, i.Revision).Set(6, SqliteTime.ToTicks(i.StartedAt)).Set(7, SqliteTime.ToDb(i.EndedAt))
            .Set(8, SqliteTime.ToTicks(i.UpdatedAt)).Set(9, write.StateJson).Set(10, write.ExpectedRevision)
            .Execute();
        if (updated == 0)
        {
            throw Conflict(i.Id, write.ExpectedRevision, string.Create(CultureInfo.InvariantCulture,
                $"Process instance '{i.Id}' is no longer at revision {write.ExpectedRevision}: another command changed it first."));
        }
    }

    private static int Insert(PreparedCommand command, IdempotencyRecord r) =>
        command.Set(0, r.Key).Set(1, r.RequestHash).Set(2, r.StatusCode).Set(3, r.Location).Set(4, SqliteTime.ToTicks(r.CreatedAt)).Execute();

    private static int Upsert(PreparedCommand command, TaskRecord t) =>
        command.Set(0, t.Id).Set(1, t.InstanceId).Set(2, t.TokenId).Set(3, t.DefinitionId).Set(4, t.ProcessKey)
            .Set(5, t.ActivityId).Set(6, t.Name).Set(7, t.State).Set(8, t.Assignee).Set(9, JsonList.Write(t.CandidateUsers))
            .Set(10, JsonList.Write(t.CandidateGroups)).Set(11, t.Revision).Set(12, SqliteTime.ToTicks(t.CreatedAt))
            .Set(13, SqliteTime.ToTicks(t.UpdatedAt)).Set(14, SqliteTime.ToDb(t.CompletedAt)).Set(15, t.CompletedBy)
            .Set(16, t.DraftJson).Set(17, SqliteTime.ToDb(t.DueAt)).Execute();

    private static ConcurrencyConflictException Conflict(string instanceId, long expectedRevision, string message) =>
        new(message, new Dictionary<string, object?> { ["instance"] = instanceId, ["expectedRevision"] = expectedRevision });
}
