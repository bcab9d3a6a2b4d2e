using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Sql;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// The subscription, job and buffered-message part of a change set. Guarded deletes come first: a fired
/// timer must still be leased by its scheduler, a consumed subscription, completed job or delivered message
/// must still exist; otherwise someone else got there first and the whole change set is a conflict.
/// </summary>
internal static class EventWrites
{
    public static void Apply(WriterStatements s, ChangeSet changes)
    {
        if (changes.FiredTimer is { } fired)
        {
            var hit = fired.NextDueAt is { } next
                ? s.RescheduleLeasedTimer.Set(0, fired.SubscriptionId).Set(1, fired.Owner).Set(2, SqliteTime.ToTicks(next)).Set(3, fired.RepeatsLeft).Execute()
                : s.DeleteLeasedTimer.Set(0, fired.SubscriptionId).Set(1, fired.Owner).Execute();
            if (hit == 0)
            {
                throw Conflict($"Timer '{fired.SubscriptionId}' is no longer leased by '{fired.Owner}'; another scheduler fires it.", "lease", fired.SubscriptionId);
            }
        }

        foreach (var id in changes.ConsumedSubscriptions)
        {
            if (s.DeleteSubscription.Set(0, id).Execute() == 0)
            {
                throw Conflict($"Subscription '{id}' was consumed by another command first.", "subscription", id);
            }
        }

        foreach (var (instanceId, tokenId) in changes.ClosedSubscriptions)
        {
            s.CloseTokenSubscriptions.Set(0, instanceId).Set(1, tokenId).Execute();
        }

        foreach (var (instanceId, tokenId, activityId) in changes.ClosedCatchers)
        {
            s.CloseCatcherSubscriptions.Set(0, instanceId).Set(1, (object?)tokenId ?? DBNull.Value).Set(2, activityId).Execute();
        }

        foreach (var instanceId in changes.EndedInstances)
        {
            s.CloseInstanceSubscriptions.Set(0, instanceId).Execute();
        }

        foreach (var subscription in changes.Subscriptions)
        {
            InsertSubscription(s, subscription);
        }

        if (changes.WorkedJob is { } worked)
        {
            ApplyWorkedJob(s, worked);
        }

        foreach (var (jobId, retries) in changes.ResetJobs)
        {
            s.ResetJobRetries.Set(0, jobId).Set(1, retries).Execute();
        }

        foreach (var (jobId, required) in changes.RemovedJobs)
        {
            if (jobId == changes.WorkedJob?.JobId)
            {
                continue; // deleted above, under the worker's lock
            }

            if (s.DeleteJob.Set(0, jobId).Execute() == 0 && required)
            {
                throw Conflict($"Job '{jobId}' was completed by another command first.", "job", jobId);
            }
        }

        foreach (var j in changes.Jobs)
        {
            s.InsertJob.Set(0, j.Id).Set(1, j.Topic).Set(2, j.InstanceId).Set(3, j.TokenId).Set(4, j.ActivityId)
                .Set(5, j.DefinitionId).Set(6, j.ProcessKey).Set(7, j.Retries).Set(8, SqliteTime.ToTicks(j.CreatedAt))
                .Set(9, (object?)j.Payload ?? DBNull.Value).Execute();
        }

        foreach (var id in changes.ConsumedMessages)
        {
            if (s.DeleteBufferedMessage.Set(0, id).Execute() == 0)
            {
                throw Conflict($"Buffered message '{id}' was delivered by another command first.", "message", id);
            }
        }

        foreach (var m in changes.BufferedMessages)
        {
            s.DeleteExpiredMessages.Set(0, SqliteTime.ToTicks(m.CreatedAt)).Execute();
            s.InsertBufferedMessage.Set(0, m.Id).Set(1, m.Name).Set(2, m.CorrelationKey).Set(3, m.VariablesJson)
                .Set(4, SqliteTime.ToTicks(m.CreatedAt)).Set(5, SqliteTime.ToTicks(m.ExpiresAt)).Execute();
        }
    }

    /// <summary>The worker's report lands only while its lock holds: a late worker writes nothing.</summary>
    private static void ApplyWorkedJob(WriterStatements s, WorkedJob worked)
    {
        var now = SqliteTime.ToTicks(worked.Now);
        var hit = worked.Failure is { } failure
            ? s.FailLockedJob.Set(0, worked.JobId).Set(1, worked.WorkerId).Set(2, now).Set(3, failure.RetriesLeft)
                .Set(4, SqliteTime.ToDb(failure.AvailableAt)).Set(5, failure.ErrorMessage).Execute()
            : s.DeleteLockedJob.Set(0, worked.JobId).Set(1, worked.WorkerId).Set(2, now).Execute();
        if (hit == 0)
        {
            throw Conflict($"Job '{worked.JobId}' is no longer locked by '{worked.WorkerId}'.", "jobLock", worked.JobId);
        }
    }

    public static void InsertSubscription(WriterStatements s, SubscriptionRecord r) =>
        s.InsertSubscription.Set(0, r.Id).Set(1, r.Kind).Set(2, r.Name).Set(3, r.CorrelationKey).Set(4, SqliteTime.ToDb(r.DueAt))
            .Set(5, r.Cycle).Set(6, r.RepeatsLeft).Set(7, r.InstanceId).Set(8, r.TokenId).Set(9, r.ActivityId)
            .Set(10, r.DefinitionId).Set(11, r.ProcessKey).Set(12, SqliteTime.ToTicks(r.CreatedAt)).Execute();

    private static ConcurrencyConflictException Conflict(string message, string what, string id) =>
        new(message, new Dictionary<string, object?> { [what] = id });
}
