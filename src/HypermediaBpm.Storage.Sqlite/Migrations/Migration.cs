namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>One schema step. Applied once, in its own transaction, in <see cref="Version"/> order.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
