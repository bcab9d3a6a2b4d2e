namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// BPMN transactions as try-confirm/cancel scopes. <c>jobs.payload</c> carries what an engine job needs beyond the
/// instance's variables (a coordinator job's operation and participant links, which outlive the token that enlisted
/// them when a transaction is cancelled). <c>tcc_transactions.instance_id</c> is the instance a coordination was done
/// for, when a transaction subprocess asked for it.
/// </summary>
internal static class Migration0013_TransactionScopes
{
    public const string Sql = """
        ALTER TABLE jobs ADD COLUMN payload TEXT;
        ALTER TABLE tcc_transactions ADD COLUMN instance_id TEXT;
        """;
}
