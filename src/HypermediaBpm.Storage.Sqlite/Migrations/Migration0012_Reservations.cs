namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Try-confirm/cancel. <c>reservations</c> are tentative instance starts: no instance row exists until one is
/// confirmed, so the reservation keeps the definition, business key and typed start variables itself; the partial
/// index on <c>expires_at</c> holds only reservations still <c>reserved</c>, so the expiry sweep reads just those.
/// <c>tcc_transactions</c> are the coordinator's records: per-participant outcomes and the steps taken are JSON
/// documents, read and written whole by the one coordinator that owns a record.
/// </summary>
internal static class Migration0012_Reservations
{
    public const string Sql = """
        CREATE TABLE reservations (
            id             TEXT    NOT NULL PRIMARY KEY,
            definition_id  TEXT    NOT NULL,
            process_key    TEXT    NOT NULL,
            process_version INTEGER NOT NULL,
            business_key   TEXT,
            variables_json TEXT    NOT NULL,
            state          TEXT    NOT NULL,
            created_at     INTEGER NOT NULL,
            expires_at     INTEGER NOT NULL,
            updated_at     INTEGER NOT NULL,
            instance_id    TEXT
        );
        CREATE INDEX ix_reservations_process ON reservations (process_key, id);
        CREATE INDEX ix_reservations_expiry ON reservations (expires_at) WHERE state = 'reserved';

        CREATE TABLE tcc_transactions (
            id                TEXT    NOT NULL PRIMARY KEY,
            operation         TEXT    NOT NULL,
            state             TEXT    NOT NULL,
            created_at        INTEGER NOT NULL,
            updated_at        INTEGER NOT NULL,
            participants_json TEXT    NOT NULL,
            steps_json        TEXT    NOT NULL
        );
        CREATE INDEX ix_tcc_transactions_state ON tcc_transactions (state, id);
        """;
}
