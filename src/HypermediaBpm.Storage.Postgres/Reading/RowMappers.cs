using System.Data.Common;
using System.Globalization;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Postgres.Sql;

namespace HypermediaBpm.Storage.Postgres.Reading;

/// <summary>Select lists and the records read from them; each mapper reads its columns by position.</summary>
internal static class RowMappers
{
    public const string DefinitionColumns = "id, key, version, name, description, created_at, updated_at, executable, history_ttl";

    /// <summary>
    /// <see cref="DefinitionColumns"/> for lists: a description longer than <see cref="DefinitionRecord.ListedDescriptionLength"/>
    /// characters is cut by the database, so the page never holds it whole.
    /// </summary>
    public const string ListedDefinitionColumns =
        "id, key, version, name, CASE WHEN length(description) > 500 THEN substr(description, 1, 499) || '…' ELSE description END, created_at, updated_at, executable, history_ttl";

    public const string InstanceColumns =
        "id, definition_id, process_key, process_version, business_key, state, revision, started_at, ended_at, updated_at, " +
        "parent_instance_id, parent_token_id, parent_activity_id";

    public const string HistoryColumns =
        "seq, instance_id, process_key, type, activity_id, activity_name, element_id, user_name, occurred_at, data_json";

    public const string IdempotencyColumns = "key, request_hash, status_code, location, created_at";

    /// <summary>Task columns qualified with <c>t.</c>, because the candidate-group filter joins another table.</summary>
    /// <summary><see cref="InstanceColumns"/> of the table aliased <c>i</c>, in the same order.</summary>
    public const string InstanceColumnsOfI =
        "i.id, i.definition_id, i.process_key, i.process_version, i.business_key, i.state, i.revision, i.started_at, i.ended_at, i.updated_at, " +
        "i.parent_instance_id, i.parent_token_id, i.parent_activity_id";

    /// <summary>How many columns <see cref="TaskColumns"/> has (where the next table's columns begin).</summary>
    public const int TaskColumnCount = 18;

    public const string TaskColumns =
        "t.id, t.instance_id, t.token_id, t.definition_id, t.process_key, t.activity_id, t.name, t.state, t.assignee, " +
        "t.candidate_users, t.candidate_groups, t.revision, t.created_at, t.updated_at, t.completed_at, t.completed_by, t.draft_json, t.due_at";

    public const string JobColumns =
        "id, topic, instance_id, token_id, activity_id, definition_id, process_key, retries, created_at, " +
        "lock_owner, lock_expires_at, available_at, error_message, failures, payload";

    public const string SubscriptionColumns =
        "id, kind, name, correlation_key, due_at, cycle, repeats_left, instance_id, token_id, activity_id, definition_id, process_key, created_at, lease_owner, lease_until";

    public const string BufferedMessageColumns = "id, name, correlation_key, variables_json, created_at, expires_at";

    public static SubscriptionRecord Subscription(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), PostgresTime.ReadNullable(r, 4), r.NullableString(5),
        r.GetInt32(6), r.NullableString(7), r.NullableString(8), r.GetString(9), r.GetString(10), r.GetString(11),
        PostgresTime.Read(r, 12), r.NullableString(13), PostgresTime.ReadNullable(r, 14));

    public static JobRecord Job(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetInt32(7), PostgresTime.Read(r, 8))
    {
        LockOwner = r.NullableString(9),
        LockExpiresAt = PostgresTime.ReadNullable(r, 10),
        AvailableAt = PostgresTime.ReadNullable(r, 11),
        ErrorMessage = r.NullableString(12),
        Failures = r.GetInt32(13),
        Payload = r.NullableString(14),
    };

    public static BufferedMessageRecord BufferedMessage(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.NullableString(2), r.GetString(3), PostgresTime.Read(r, 4), PostgresTime.Read(r, 5));

    public static DefinitionRecord Definition(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.NullableString(4), PostgresTime.Read(r, 5), PostgresTime.Read(r, 6))
    {
        Executable = r.GetBoolean(7),
        HistoryTimeToLive = r.IsDBNull(8) ? null : TimeSpan.FromTicks(r.GetInt64(8)),
    };

    public static InstanceSummary Instance(DbDataReader r) => InstanceAt(r, 0);

    /// <summary>An instance whose <see cref="InstanceColumns"/> begin at column <paramref name="o"/> (after another table's).</summary>
    public static InstanceSummary InstanceAt(DbDataReader r, int o) => new(
        r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.GetInt32(o + 3), r.NullableString(o + 4), r.GetString(o + 5), r.GetInt64(o + 6),
        PostgresTime.Read(r, o + 7), PostgresTime.ReadNullable(r, o + 8), PostgresTime.Read(r, o + 9),
        r.IsDBNull(o + 10) ? null : new ParentReference(r.GetString(o + 10), r.GetString(o + 11), r.GetString(o + 12)));

    public static TaskRecord Task(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.NullableString(8), r.StringArray(9), r.StringArray(10), r.GetInt64(11),
        PostgresTime.Read(r, 12), PostgresTime.Read(r, 13), PostgresTime.ReadNullable(r, 14), r.NullableString(15))
    {
        DraftJson = r.NullableString(16),
        DueAt = PostgresTime.ReadNullable(r, 17),
    };

    public static HistoryEvent History(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.NullableString(5),
        r.NullableString(6), r.NullableString(7), PostgresTime.Read(r, 8), r.NullableString(9));

    public static IdempotencyRecord Idempotency(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.NullableString(3), PostgresTime.Read(r, 4));

    public static string SequenceKey(HistoryEvent e) => e.Sequence.ToString(CultureInfo.InvariantCulture);
}
