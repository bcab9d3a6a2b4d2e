namespace HypermediaBpm.Storage.Postgres.Migrations;

/// <summary>One schema step. Applied once, in its own transaction, in <see cref="Version"/> order.</summary>
internal sealed record PostgresMigration(int Version, string Name, string Sql);
