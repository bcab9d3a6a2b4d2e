using System.Globalization;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// Writes one engine command's <see cref="ChangeSet"/>: every statement in one round trip, their guards checked after.
/// Throwing leaves the rollback to the writer, which undoes this change set alone (its savepoint) and fails only this caller.
/// </summary>
internal sealed class CommitChangeSetOperation(ChangeSet changes) : WriteOperation<bool>
{
    protected override async Task<bool> ExecuteAsync(WriteSession session)
    {
        var s = new StatementList();

        // The idempotency key first: a replayed request is refused whatever else happens.
        if (changes.Idempotency is { } r)
        {
            s.Guarded(() => new ConcurrencyConflictException(
                    $"The Idempotency-Key '{r.Key}' was taken by another request at the same time.",
                    new Dictionary<string, object?> { ["idempotencyKey"] = r.Key }),
                """
                INSERT INTO idempotency (key, request_hash, status_code, location, created_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (key) DO NOTHING;
                """,
                Param.Text(r.Key), Param.Text(r.RequestHash), Param.Int(r.StatusCode), Param.Text(r.Location), Param.Time(r.CreatedAt));
        }

        foreach (var write in changes.Instances)
        {
            WriteInstance(session, s, write);
        }

        foreach (var t in changes.Tasks)
        {
            s.Add("""
                INSERT INTO tasks (id, instance_id, token_id, definition_id, process_key, activity_id, name, state, assignee,
                                   candidate_users, candidate_groups, revision, created_at, updated_at, completed_at, completed_by, draft_json, due_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                ON CONFLICT (id) DO UPDATE SET
                    token_id = excluded.token_id, definition_id = excluded.definition_id, activity_id = excluded.activity_id,
                    name = excluded.name, state = excluded.state, assignee = excluded.assignee,
                    candidate_users = excluded.candidate_users, candidate_groups = excluded.candidate_groups,
                    revision = excluded.revision, created_at = excluded.created_at, updated_at = excluded.updated_at,
                    completed_at = excluded.completed_at, completed_by = excluded.completed_by, draft_json = excluded.draft_json,
                    due_at = excluded.due_at;
                """,
                Param.Text(t.Id), Param.Text(t.InstanceId), Param.Text(t.TokenId), Param.Text(t.DefinitionId), Param.Text(t.ProcessKey),
                Param.Text(t.ActivityId), Param.Text(t.Name), Param.Text(t.State), Param.Text(t.Assignee), Param.TextArray(t.CandidateUsers),
                Param.TextArray(t.CandidateGroups), Param.Long(t.Revision), Param.Time(t.CreatedAt), Param.Time(t.UpdatedAt),
                Param.Time(t.CompletedAt), Param.Text(t.CompletedBy), Param.Text(t.DraftJson), Param.Time(t.DueAt));
        }

        session.History.Append(changes.History);
        EventWrites.Add(s, changes);
        await s.ExecuteAsync(session).ConfigureAwait(false);
        await ReservationWrites.ConfirmAsync(session, changes).ConfigureAwait(false);
        return true;
    }

    private static void WriteInstance(WriteSession session, StatementList s, InstanceWrite write)
    {
        var i = write.Summary;
        if (write.ExpectedRevision == 0)
        {
            s.Guarded(() => Conflict(i.Id, write.ExpectedRevision, $"Process instance '{i.Id}' already exists."),
                """
                INSERT INTO instances (id, definition_id, process_key, process_version, business_key, state, revision,
                                       started_at, ended_at, updated_at, state_json, parent_instance_id, parent_token_id, parent_activity_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                ON CONFLICT (id) DO NOTHING;
                """,
                Param.Text(i.Id), Param.Text(i.DefinitionId), Param.Text(i.ProcessKey), Param.Int(i.ProcessVersion), Param.Text(i.BusinessKey),
                Param.Text(i.State), Param.Long(i.Revision), Param.Time(i.StartedAt), Param.Time(i.EndedAt), Param.Time(i.UpdatedAt),
                Param.Text(write.StateJson), Param.Text(i.Parent?.InstanceId), Param.Text(i.Parent?.TokenId), Param.Text(i.Parent?.ActivityId));
            session.History.InstanceInserted(i.ProcessKey, i.State);
            return;
        }

        // An instance's process key is immutable: updates keep the stored one.
        s.Guarded(() => Conflict(i.Id, write.ExpectedRevision, string.Create(CultureInfo.InvariantCulture,
                $"Process instance '{i.Id}' is no longer at revision {write.ExpectedRevision}: another command changed it first.")),
            """
            UPDATE instances SET definition_id = $2, process_version = $3, business_key = $4, state = $5, revision = $6,
                started_at = $7, ended_at = $8, updated_at = $9, state_json = $10
            WHERE id = $1 AND revision = $11;
            """,
            Param.Text(i.Id), Param.Text(i.DefinitionId), Param.Int(i.ProcessVersion), Param.Text(i.BusinessKey), Param.Text(i.State),
            Param.Long(i.Revision), Param.Time(i.StartedAt), Param.Time(i.EndedAt), Param.Time(i.UpdatedAt), Param.Text(write.StateJson),
            Param.Long(write.ExpectedRevision));
    }

    private static ConcurrencyConflictException Conflict(string instanceId, long expectedRevision, string message) =>
        new(message, new Dictionary<string, object?> { ["instance"] = instanceId, ["expectedRevision"] = expectedRevision });
}
