namespace HypermediaBpm.Storage.Sqlite.Migrations;

/// <summary>
/// BPMN documents move out of <c>definitions</c> into <c>definition_sources</c>, as the bytes that were uploaded: a model
/// in ISO-8859-1 or UTF-16 comes back exactly as it came, and listing definitions never reads a document (a TEXT column
/// in the middle of the row had SQLite walk its overflow pages to reach the columns after it). Existing documents were
/// kept as text decoded from UTF-8 uploads, so their UTF-8 bytes are what was uploaded (less a byte order mark).
/// </summary>
internal static class Migration0015_DefinitionSources
{
    public const string Sql = """
        CREATE TABLE definition_sources (
            definition_id TEXT NOT NULL PRIMARY KEY REFERENCES definitions (id) ON DELETE CASCADE,
            source        BLOB NOT NULL
        );
        INSERT INTO definition_sources (definition_id, source) SELECT id, CAST(bpmn_xml AS BLOB) FROM definitions;
        ALTER TABLE definitions DROP COLUMN bpmn_xml;
        """;
}
