using HypermediaBpm.Storage.Sqlite.Sql;
using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// Every statement the writer runs, compiled once on the writer connection and reused for every batch.
/// Immutable columns (an instance's or task's process key and an instance's parent, a task's instance) are not in the UPDATE lists
/// so SQLite does not rewrite their index entries on every command.
/// </summary>
internal sealed class WriterStatements : IDisposable
{
    /// <summary>
    /// Most history rows one INSERT statement carries; more are split into several statements. 16 holds a whole
    /// straight-through command of the shared benchmark models (8 rows straight, 11 parallel: each token arriving at a
    /// join is a row): one statement, one update of the AUTOINCREMENT counter, instead of two.
    /// </summary>
    public const int HistoryRowsPerStatement = 16;

    /// <summary>Parameters per history row in <see cref="InsertHistory"/>.</summary>
    public const int HistoryColumns = 9;

    private readonly List<PreparedCommand> _all = [];
    private readonly PreparedCommand?[] _insertHistory = new PreparedCommand?[HistoryRowsPerStatement + 1];
    private readonly SqliteConnection _connection;

    public WriterStatements(SqliteConnection c)
    {
        _connection = c;
        Begin = Add(c, "BEGIN IMMEDIATE;");
        Commit = Add(c, "COMMIT;");
        Rollback = Add(c, "ROLLBACK;");
        Savepoint = Add(c, "SAVEPOINT change_set;");
        Release = Add(c, "RELEASE change_set;");
        RollbackToSavepoint = Add(c, "ROLLBACK TO change_set;");

        InsertIdempotency = Add(c, """
            INSERT INTO idempotency (key, request_hash, status_code, location, created_at)
            VALUES ($key, $hash, $status, $location, $created) ON CONFLICT (key) DO NOTHING;
            """, "$key", "$hash", "$status", "$location", "$created");

        InsertInstance = Add(c, """
            INSERT INTO instances (id, definition_id, process_key, process_version, business_key, state, revision,
                                   started_at, ended_at, updated_at, state_json, parent_instance_id, parent_token_id, parent_activity_id)
            VALUES ($id, $definition, $process, $version, $business, $state, $revision, $started, $ended, $updated, $json,
                    $parent, $parentToken, $parentActivity)
            ON CONFLICT (id) DO NOTHING;
            """, "$id", "$definition", "$process", "$version", "$business", "$state", "$revision", "$started", "$ended", "$updated", "$json",
            "$parent", "$parentToken", "$parentActivity");
        UpdateInstance = Add(c, """
            UPDATE instances SET definition_id = $definition, process_version = $version, business_key = $business,
                state = $state, revision = $revision, started_at = $started, ended_at = $ended, updated_at = $updated,
                state_json = $json
            WHERE id = $id AND revision = $expected;
            """, "$id", "$definition", "$version", "$business", "$state", "$revision", "$started", "$ended", "$updated", "$json", "$expected");

        UpsertTask = Add(c, """
            INSERT INTO tasks (id, instance_id, token_id, definition_id, process_key, activity_id, name, state, assignee,
                               candidate_users, candidate_groups, revision, created_at, updated_at, completed_at, completed_by, draft_json, due_at)
            VALUES ($id, $instance, $token, $definition, $process, $activity, $name, $state, $assignee,
                    $users, $groups, $revision, $created, $updated, $completed, $completedBy, $draft, $due)
            ON CONFLICT (id) DO UPDATE SET
                token_id = excluded.token_id, definition_id = excluded.definition_id, activity_id = excluded.activity_id,
                name = excluded.name, state = excluded.state, assignee = excluded.assignee,
                candidate_users = excluded.candidate_users, candidate_groups = excluded.candidate_groups,
                revision = excluded.revision, created_at = excluded.created_at, updated_at = excluded.updated_at,
                completed_at = excluded.completed_at, completed_by = excluded.completed_by, draft_json = excluded.draft_json,
                due_at = excluded.due_at;
            """, "$id", "$instance", "$token", "$definition", "$process", "$activity", "$name", "$state", "$assignee",
            "$users", "$groups", "$revision", "$created", "$updated", "$completed", "$completedBy", "$draft", "$due");

        AddInstanceCount = Add(c, """
            INSERT INTO instance_counts (process_key, state, n) VALUES ($process, $state, $n)
            ON CONFLICT (process_key, state) DO UPDATE SET n = n + excluded.n;
            """, "$process", "$state", "$n");
        InsertFeedParticipant = Add(c, "INSERT OR IGNORE INTO feed_participants (participant, seq) VALUES ($participant, $seq);", "$participant", "$seq");
        AddHistoryCount = Add(c, "UPDATE store_counters SET n = n + $n WHERE name = 'history';", "$n");

        NextDefinitionVersion = Add(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM definitions WHERE key = $key;", "$key");
        InsertDefinition = Add(c, """
            INSERT INTO definitions (id, key, version, name, description, created_at, updated_at, executable)
            VALUES ($id, $key, $version, $name, $description, $created, $updated, $executable)
            ON CONFLICT (key, version) DO NOTHING;
            """, "$id", "$key", "$version", "$name", "$description", "$created", "$updated", "$executable");
        InsertDefinitionSource = Add(c, "INSERT INTO definition_sources (definition_id, source) VALUES ($id, $source);", "$id", "$source");
        SetDefinitionTimeToLive = Add(c, "UPDATE definitions SET history_ttl = $ttl WHERE id = $id;", "$id", "$ttl");

        HasUnendedInstances = Add(c, """
            SELECT EXISTS (SELECT 1 FROM instances WHERE process_key = $key AND state IN ($s1, $s2, $s3));
            """, "$key", "$s1", "$s2", "$s3");
        DeleteProcessTasks = Add(c, "DELETE FROM tasks WHERE instance_id IN (SELECT id FROM instances WHERE process_key = $key);", "$key");
        DeleteProcessHistory = Add(c, """
            DELETE FROM history WHERE instance_id IN (SELECT id FROM instances WHERE process_key = $key)
                                   OR instance_id IN (SELECT id FROM reservations WHERE process_key = $key);
            """, "$key");
        DeleteProcessInstances = Add(c, "DELETE FROM instances WHERE process_key = $key;", "$key");
        DeleteProcessSources = Add(c, "DELETE FROM definition_sources WHERE definition_id IN (SELECT id FROM definitions WHERE key = $key);", "$key");
        DeleteProcessDefinitions = Add(c, "DELETE FROM definitions WHERE key = $key;", "$key");
        DeleteEmptyInstanceCounts = Add(c, "DELETE FROM instance_counts WHERE process_key = $key AND n = 0;", "$key");
        DeleteEmptyTaskCounts = Add(c, "DELETE FROM task_counts WHERE process_key = $key AND n = 0;", "$key");

        InsertSubscription = Add(c, """
            INSERT INTO subscriptions (id, kind, name, correlation_key, due_at, cycle, repeats_left, instance_id, token_id,
                                       activity_id, definition_id, process_key, created_at)
            VALUES ($id, $kind, $name, $key, $due, $cycle, $repeats, $instance, $token, $activity, $definition, $process, $created);
            """, "$id", "$kind", "$name", "$key", "$due", "$cycle", "$repeats", "$instance", "$token", "$activity", "$definition", "$process", "$created");
        DeleteLeasedTimer = Add(c, "DELETE FROM subscriptions WHERE id = $id AND lease_owner = $owner;", "$id", "$owner");
        RescheduleLeasedTimer = Add(c, """
            UPDATE subscriptions SET due_at = $due, repeats_left = $repeats, lease_owner = NULL, lease_until = NULL
            WHERE id = $id AND lease_owner = $owner;
            """, "$id", "$owner", "$due", "$repeats");
        DeleteSubscription = Add(c, "DELETE FROM subscriptions WHERE id = $id;", "$id");
        CloseTokenSubscriptions = Add(c, "DELETE FROM subscriptions WHERE instance_id = $instance AND token_id = $token;", "$instance", "$token");
        CloseCatcherSubscriptions = Add(c, "DELETE FROM subscriptions WHERE instance_id = $instance AND token_id IS $token AND activity_id = $activity;", "$instance", "$token", "$activity");
        CloseInstanceSubscriptions = Add(c, "DELETE FROM subscriptions WHERE instance_id = $instance;", "$instance");
        DeleteStartSubscriptions = Add(c, "DELETE FROM subscriptions WHERE process_key = $key AND instance_id IS NULL;", "$key");
        ClaimDueTimers = Add(c, $"""
            UPDATE subscriptions SET lease_owner = $owner, lease_until = $until
            WHERE id IN (SELECT id FROM subscriptions
                         WHERE due_at IS NOT NULL AND due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                         ORDER BY due_at LIMIT $limit)
            RETURNING {SubscriptionColumns};
            """, "$owner", "$until", "$now", "$limit");

        InsertJob = Add(c, """
            INSERT INTO jobs (id, topic, instance_id, token_id, activity_id, definition_id, process_key, retries, created_at, payload)
            VALUES ($id, $topic, $instance, $token, $activity, $definition, $process, $retries, $created, $payload);
            """, "$id", "$topic", "$instance", "$token", "$activity", "$definition", "$process", "$retries", "$created", "$payload");
        DeleteJob = Add(c, "DELETE FROM jobs WHERE id = $id;", "$id");
        LockJobs = Add(c, $"""
            UPDATE jobs SET lock_owner = $owner, lock_expires_at = $until
            WHERE id IN (SELECT id FROM jobs
                         WHERE topic = $topic AND retries > 0
                           AND (lock_expires_at IS NULL OR lock_expires_at <= $now) AND (available_at IS NULL OR available_at <= $now)
                         ORDER BY id LIMIT $limit)
            RETURNING {Reading.RowMappers.JobColumns};
            """, "$owner", "$until", "$topic", "$now", "$limit");
        ExtendJobLock = Add(c, $"""
            UPDATE jobs SET lock_expires_at = $until WHERE id = $id AND lock_owner = $owner AND lock_expires_at > $now
            RETURNING {Reading.RowMappers.JobColumns};
            """, "$id", "$owner", "$now", "$until");
        DeleteLockedJob = Add(c, "DELETE FROM jobs WHERE id = $id AND lock_owner = $owner AND lock_expires_at > $now;", "$id", "$owner", "$now");
        FailLockedJob = Add(c, """
            UPDATE jobs SET retries = $retries, available_at = $available, error_message = $message, failures = failures + 1,
                            lock_owner = NULL, lock_expires_at = NULL
            WHERE id = $id AND lock_owner = $owner AND lock_expires_at > $now;
            """, "$id", "$owner", "$now", "$retries", "$available", "$message");
        ResetJobRetries = Add(c, """
            UPDATE jobs SET retries = $retries, available_at = NULL, lock_owner = NULL, lock_expires_at = NULL WHERE id = $id;
            """, "$id", "$retries");

        InsertBufferedMessage = Add(c, """
            INSERT INTO buffered_messages (id, name, correlation_key, variables_json, created_at, expires_at)
            VALUES ($id, $name, $key, $json, $created, $expires);
            """, "$id", "$name", "$key", "$json", "$created", "$expires");
        DeleteBufferedMessage = Add(c, "DELETE FROM buffered_messages WHERE id = $id;", "$id");
        DeleteExpiredMessages = Add(c, "DELETE FROM buffered_messages WHERE expires_at <= $now;", "$now");
    }

    /// <summary>The columns of a subscription row, in the order <see cref="Reading.RowMappers.Subscription"/> reads them.</summary>
    public const string SubscriptionColumns =
        "id, kind, name, correlation_key, due_at, cycle, repeats_left, instance_id, token_id, activity_id, definition_id, process_key, created_at, lease_owner, lease_until";

    public PreparedCommand InsertSubscription { get; }
    public PreparedCommand DeleteLeasedTimer { get; }
    public PreparedCommand RescheduleLeasedTimer { get; }
    public PreparedCommand DeleteSubscription { get; }
    public PreparedCommand CloseTokenSubscriptions { get; }

    public PreparedCommand CloseCatcherSubscriptions { get; }

    public PreparedCommand CloseInstanceSubscriptions { get; }
    public PreparedCommand DeleteStartSubscriptions { get; }
    public PreparedCommand ClaimDueTimers { get; }
    public PreparedCommand InsertJob { get; }
    public PreparedCommand DeleteJob { get; }

    /// <summary>The worker protocol's lock: one UPDATE ... RETURNING, so a batch is locked atomically.</summary>
    public PreparedCommand LockJobs { get; }
    public PreparedCommand ExtendJobLock { get; }

    /// <summary>A worker's report is written only while its lock holds (see <see cref="EventWrites"/>).</summary>
    public PreparedCommand DeleteLockedJob { get; }
    public PreparedCommand FailLockedJob { get; }
    public PreparedCommand ResetJobRetries { get; }
    public PreparedCommand InsertBufferedMessage { get; }
    public PreparedCommand DeleteBufferedMessage { get; }
    public PreparedCommand DeleteExpiredMessages { get; }

    public PreparedCommand Begin { get; }
    public PreparedCommand Commit { get; }
    public PreparedCommand Rollback { get; }
    public PreparedCommand Savepoint { get; }
    public PreparedCommand Release { get; }
    public PreparedCommand RollbackToSavepoint { get; }
    public PreparedCommand InsertIdempotency { get; }
    public PreparedCommand InsertInstance { get; }
    public PreparedCommand UpdateInstance { get; }
    public PreparedCommand UpsertTask { get; }
    public PreparedCommand AddInstanceCount { get; }
    public PreparedCommand AddHistoryCount { get; }

    /// <summary>A worklist feed row: a task event's participant (see <c>CommitChangeSetOperation.IndexParticipants</c>).</summary>
    public PreparedCommand InsertFeedParticipant { get; }
    public PreparedCommand NextDefinitionVersion { get; }
    public PreparedCommand InsertDefinition { get; }
    public PreparedCommand InsertDefinitionSource { get; }
    public PreparedCommand HasUnendedInstances { get; }
    public PreparedCommand SetDefinitionTimeToLive { get; }
    public PreparedCommand DeleteProcessTasks { get; }
    public PreparedCommand DeleteProcessHistory { get; }
    public PreparedCommand DeleteProcessInstances { get; }
    public PreparedCommand DeleteProcessSources { get; }
    public PreparedCommand DeleteProcessDefinitions { get; }
    public PreparedCommand DeleteEmptyInstanceCounts { get; }
    public PreparedCommand DeleteEmptyTaskCounts { get; }

    /// <summary>
    /// An INSERT of <paramref name="rows"/> history rows (1 to <see cref="HistoryRowsPerStatement"/>). One
    /// statement for a command's events saves per-statement work, including the AUTOINCREMENT bookkeeping.
    /// Parameters are ordered row by row: instance, process, type, activity, activity name, element, user, time, data.
    /// </summary>
    public PreparedCommand InsertHistory(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, HistoryRowsPerStatement);
        if (_insertHistory[rows] is { } prepared)
        {
            return prepared;
        }

        var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, HistoryColumns).Select(c => $"$p{r}_{c}")) + ")");
        var names = Enumerable.Range(0, rows).SelectMany(r => Enumerable.Range(0, HistoryColumns).Select(c => $"$p{r}_{c}")).ToArray();
        var sql = "INSERT INTO history (instance_id, process_key, type, activity_id, activity_name, element_id, user_name, occurred_at, data_json) VALUES "
            + string.Join(", ", values) + ";";
        return _insertHistory[rows] = Add(_connection, sql, names);
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private PreparedCommand Add(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = new PreparedCommand(connection, sql, parameters);
        _all.Add(command);
        return command;
    }
}
