
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// The statements of one change set, sent in one round trip, with what each must have changed: a guarded write that
/// changed no row means another command got there first, and the whole change set is refused as a conflict.
/// </summary>
internal sealed class StatementList
{
    private readonly List<NpgsqlBatchCommand> _statements = [];
    private readonly List<(int Index, Func<Exception> Conflict)> _guards = [];

    public void Add(string sql, params NpgsqlParameter[] parameters) => _statements.Add(Commands.Batch(sql, parameters));

    /// <summary>A statement that must change a row; otherwise <paramref name="conflict"/> is thrown.</summary>
    public void Guarded(Func<Exception> conflict, string sql, params NpgsqlParameter[] parameters)
    {
        _guards.Add((_statements.Count, conflict));
        Add(sql, parameters);
    }

    public async Task ExecuteAsync(WriteSession session)
    {
        if (_statements.Count == 0)
        {
            return;
        }

        var affected = await session.ExecuteAsync([.. _statements]).ConfigureAwait(false);
        foreach (var (index, conflict) in _guards)
        {
            if (affected[index] == 0)
            {
                throw conflict();
            }
        }
    }
}
