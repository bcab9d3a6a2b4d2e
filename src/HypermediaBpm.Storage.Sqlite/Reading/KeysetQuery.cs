using Microsoft.Data.Sqlite;

namespace HypermediaBpm.Storage.Sqlite.Reading;

/// <summary>
/// A filtered list ordered by one unique key column (its natural order ascending or descending), which
/// <see cref="KeysetPager"/> turns into keyset-paged SQL.
/// </summary>
internal sealed class KeysetQuery<T>
{
    private readonly List<string> _conditions = [];
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    /// <summary>The select list, in the order <see cref="Map"/> reads it.</summary>
    public required string Columns { get; init; }

    /// <summary>The FROM clause body (a table, or a join).</summary>
    public required string From { get; init; }

    /// <summary>The unique column rows are ordered and paged by.</summary>
    public required string KeyColumn { get; init; }

    /// <summary>True when the natural order is newest (largest key) first.</summary>
    public required bool Descending { get; init; }

    public required Func<SqliteDataReader, T> Map { get; init; }

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

    public IReadOnlyList<KeyValuePair<string, object>> Parameters => _parameters;

    /// <summary>Adds a condition that needs no parameter.</summary>
    public KeysetQuery<T> Where(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    /// <summary>Adds a condition with several parameters.</summary>
    public KeysetQuery<T> Where(string condition, IEnumerable<KeyValuePair<string, object>> parameters)
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
            _parameters.Add(new(parameter, value));
        }

        return this;
    }
}
