using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// The subscription, job and buffered-message part of a change set. Guarded deletes: a fired timer must still be leased
/// by its scheduler, a consumed subscription, completed job or delivered message must still exist; otherwise someone
/// else (on this node or another) got there first and the whole change set is a conflict.
/// </summary>
internal static class EventWrites
{
    public static void Add(StatementList s, ChangeSet changes)
    {
        if (changes.FiredTimer is { } fired)
        {
            ConcurrencyConflictException Lost() =>
                Conflict($"Timer '{fired.SubscriptionId}' is no longer leased by '{fired.Owner}'; another scheduler fires it.", "lease", fired.SubscriptionId);
            if (fired.NextDueAt is { } next)
            {
                s.Guarded(Lost, """
                    UPDATE subscriptions SET due_at = $3, repeats_left = $4, lease_owner = NULL, lease_until = NULL
                    WHERE id = $1 AND lease_owner = $2;
                    """, Param.Text(fired.SubscriptionId), Param.Text(fired.Owner), Param.Time(next), Param.Int(fired.RepeatsLeft));
            }
            else
            {
                s.Guarded(Lost, "DELETE FROM subscriptions WHERE id = $1 AND lease_owner = $2;", Param.Text(fired.SubscriptionId), Param.Text(fired.Owner));
            }
        }

        foreach (var id in changes.ConsumedSubscriptions)
        {
            s.Guarded(() => Conflict($"Subscription '{id}' was consumed by another command first.", "subscription", id),
                "DELETE FROM subscriptions WHERE id = $1;", Param.Text(id));
        }

        foreach (var (instanceId, tokenId) in changes.ClosedSubscriptions)
        {
            s.Add("DELETE FROM subscriptions WHERE instance_id = $1 AND token_id = $2;", Param.Text(instanceId), Param.Text(tokenId));
        }

        foreach (var (instanceId, tokenId, activityId) in changes.ClosedCatchers)
        {
            s.Add("DELETE FROM subscriptions WHERE instance_id = $1 AND token_id IS NOT DISTINCT FROM $2 AND activity_id = $3;",
                Param.Text(instanceId), Param.Text(tokenId), Param.Text(activityId));
        }

        foreach (var instanceId in changes.EndedInstances)
        {
            s.Add("DELETE FROM subscriptions WHERE instance_id = $1;", Param.Text(instanceId));
        }

        foreach (var subscription in changes.Subscriptions)
        {
            InsertSubscription(s, subscription);
        }

        if (changes.WorkedJob is { } worked)
        {
            AddWorkedJob(s, worked);
        }

        foreach (var (jobId, retries) in changes.ResetJobs)
        {
            s.Add("UPDATE jobs SET retries = $2, available_at = NULL, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1;",
                Param.Text(jobId), Param.Int(retries));
        }

        foreach (var (jobId, required) in changes.RemovedJobs)
        {
            if (jobId == changes.WorkedJob?.JobId)
            {
                continue; // deleted above, under the worker's lock
            }

            if (required)
            {
                s.Guarded(() => Conflict($"Job '{jobId}' was completed by another command first.", "job", jobId), "DELETE FROM jobs WHERE id = $1;", Param.Text(jobId));
            }
            else
            {
                s.Add("DELETE FROM jobs WHERE id = $1;", Param.Text(jobId));
            }
        }

        foreach (var j in changes.Jobs)
        {
            s.Add("""
                INSERT INTO jobs (id, topic, instance_id, token_id, activity_id, definition_id, process_key, retries, created_at, payload)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);
                """,
                Param.Text(j.Id), Param.Text(j.Topic), Param.Text(j.InstanceId), Param.Text(j.TokenId), Param.Text(j.ActivityId),
                Param.Text(j.DefinitionId), Param.Text(j.ProcessKey), Param.Int(j.Retries), Param.Time(j.CreatedAt), Param.Text(j.Payload));
        }

        foreach (var id in changes.ConsumedMessages)
        {
            s.Guarded(() => Conflict($"Buffered message '{id}' was delivered by another command first.", "message", id),
                "DELETE FROM buffered_messages WHERE id = $1;", Param.Text(id));
        }

        foreach (var m in changes.BufferedMessages)
        {
            s.Add("DELETE FROM buffered_messages WHERE expires_at <= $1;", Param.Time(m.CreatedAt));
            s.Add("""
                INSERT INTO buffered_messages (id, name, correlation_key, variables_json, created_at, expires_at)
                VALUES ($1, $2, $3, $4, $5, $6);
                """, Param.Text(m.Id), Param.Text(m.Name), Param.Text(m.CorrelationKey), Param.Text(m.VariablesJson),
                Param.Time(m.CreatedAt), Param.Time(m.ExpiresAt));
        }
    }

    public static void InsertSubscription(StatementList s, SubscriptionRecord r) =>
        s.Add("""
            INSERT INTO subscriptions (id, kind, name, correlation_key, due_at, cycle, repeats_left, instance_id, token_id,
                                       activity_id, definition_id, process_key, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13);
            """, Param.Text(r.Id), Param.Text(r.Kind), Param.Text(r.Name), Param.Text(r.CorrelationKey), Param.Time(r.DueAt),
            Param.Text(r.Cycle), Param.Int(r.RepeatsLeft), Param.Text(r.InstanceId), Param.Text(r.TokenId), Param.Text(r.ActivityId),
            Param.Text(r.DefinitionId), Param.Text(r.ProcessKey), Param.Time(r.CreatedAt));

    /// <summary>The worker's report lands only while its lock holds: a late worker writes nothing.</summary>
    private static void AddWorkedJob(StatementList s, WorkedJob worked)
    {
        ConcurrencyConflictException Lost() => Conflict($"Job '{worked.JobId}' is no longer locked by '{worked.WorkerId}'.", "jobLock", worked.JobId);
        if (worked.Failure is { } failure)
        {
            s.Guarded(Lost, """
                UPDATE jobs SET retries = $4, available_at = $5, error_message = $6, failures = failures + 1,
                                lock_owner = NULL, lock_expires_at = NULL
                WHERE id = $1 AND lock_owner = $2 AND lock_expires_at > $3;
                """, Param.Text(worked.JobId), Param.Text(worked.WorkerId), Param.Time(worked.Now), Param.Int(failure.RetriesLeft),
                Param.Time(failure.AvailableAt), Param.Text(failure.ErrorMessage));
        }
        else
        {
            s.Guarded(Lost, "DELETE FROM jobs WHERE id = $1 AND lock_owner = $2 AND lock_expires_at > $3;",
                Param.Text(worked.JobId), Param.Text(worked.WorkerId), Param.Time(worked.Now));
        }
    }

    private static ConcurrencyConflictException Conflict(string message, string what, string id) =>
        new(message, new Dictionary<string, object?> { [what] = id });
}
