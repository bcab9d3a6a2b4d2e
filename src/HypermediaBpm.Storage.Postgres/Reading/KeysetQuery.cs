using System.Data.Common;
using HypermediaBpm.Storage.Postgres.Sql;
using Npgsql;

namespace HypermediaBpm.Storage.Postgres.Reading;

/// <summary>
/// A filtered list ordered by one unique key column (its natural order ascending or descending), which
/// <see cref="KeysetPager"/> turns into keyset-paged SQL. Conditions use <c>@name</c> parameters.
/// </summary>
internal sealed class KeysetQuery<T>
{
    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object Value)> _parameters = [];

    /// <summary>The select list, in the order <see cref="Map"/> reads it.</summary>
    public required string Columns { get; init; }

    /// <summary>The FROM clause body (a table, or a join).</summary>
    public required string From { get; init; }

    /// <summary>The unique column rows are ordered and paged by.</summary>
    public required string KeyColumn { get; init; }

    /// <summary>True when the natural order is newest (largest key) first.</summary>
    public required bool Descending { get; init; }

    public required Func<DbDataReader, T> Map { get; init; }

    public required Func<T, string> KeyOf { get; init; }

    /// <summary>Turns a client's page key into the value compared with <see cref="KeyColumn"/>.</summary>
    public Func<string, object> ParseKey { get; init; } = static key => key;

    /// <summary>
    /// An indexed expression rows are ordered by before <see cref="KeyColumn"/> (the tie breaker), in the same direction;
    /// null: by <see cref="KeyColumn"/> alone. Page keys then hold both (<see cref="Engine.Persistence.ListSort.Key"/>).
    /// </summary>
    public string? SortExpression { get; init; }

    /// <summary>Turns the sort value of a page key into the value compared with <see cref="SortExpression"/>.</summary>
    public Func<string, object> ParseSort { get; init; } = static value => value;

    public IReadOnlyList<string> Conditions => _conditions;

    /// <summary>Fresh parameter objects for one command (a parameter belongs to one command only).</summary>
    public IEnumerable<NpgsqlParameter> Parameters() => _parameters.Select(p => Param.Of(p.Value).Named(p.Name));

    /// <summary>Adds a condition that needs no parameter.</summary>
    public KeysetQuery<T> Where(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    /// <summary>Adds a condition with several parameters.</summary>
    public KeysetQuery<T> Where(string condition, IEnumerable<(string Name, object Value)> parameters)
    {
        _conditions.Add(condition);
        _parameters.AddRange(parameters);
        return this;
    }

    /// <summary>Adds <c>AND condition</c> with its parameter when <paramref name="value"/> is set.</summary>
    public KeysetQuery<T> Where(string condition, string parameter, object? value)
    {
        if (value is not null)
        {
            _conditions.Add(condition);
            _parameters.Add((parameter, value));
        }

        return this;
    }
}
