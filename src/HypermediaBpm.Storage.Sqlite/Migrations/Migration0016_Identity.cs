namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// Sign-in: user participants get a password hash, a disabled flag and a security stamp (changed with either,
/// so sessions and cached credentials notice); group membership; API tokens, kept as SHA-256 hashes of their
/// secrets. Existing participants keep working: a user without a hash simply cannot sign in with a password.
/// </summary>
internal static class Migration0016_Identity
{
    public const string Sql = """
        ALTER TABLE participants ADD COLUMN password_hash TEXT;
        ALTER TABLE participants ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE participants ADD COLUMN security_stamp TEXT;

        CREATE TABLE group_members (
            user_id  TEXT NOT NULL,
            group_id TEXT NOT NULL,
            PRIMARY KEY (user_id, group_id)
        ) WITHOUT ROWID;
        CREATE INDEX group_members_by_group ON group_members (group_id, user_id);

        CREATE TABLE api_tokens (
            id           TEXT    NOT NULL PRIMARY KEY,
            user_id      TEXT    NOT NULL,
            name         TEXT    NOT NULL,
            secret_hash  TEXT    NOT NULL UNIQUE,
            created_at   INTEGER NOT NULL,
            expires_at   INTEGER NOT NULL,
            last_used_at INTEGER,
            revoked_at   INTEGER
        );
        CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);
        """;
}
