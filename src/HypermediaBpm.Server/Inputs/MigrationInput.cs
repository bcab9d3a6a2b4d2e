using System.Globalization;
using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// The <c>migrate</c> template's body: <c>targetVersion</c> and the mapping of source to target element ids, as a JSON
/// object <c>"mapping": {"review": "check"}</c>, as one field per element <c>mapping.review=check</c> (the instance's
/// form), or as lines <c>review=check</c> in one <c>mapping</c> field (the process version's form). On a process version
/// it also takes the filters <c>state</c>, <c>businessKey</c> and <c>limit</c>.
/// </summary>
public sealed record MigrationInput(int TargetVersion, IReadOnlyDictionary<string, string> Mapping, string? State, string? BusinessKey, int? Limit)
{
    public const string MappingPrefix = "mapping.";

    /// <summary>The most mapping entries one request may carry.</summary>
    public const int MaxMappings = 1000;

    public static async Task<MigrationInput> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = await RequestValues.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in values.Values)
        {
            if (name.StartsWith(MappingPrefix, StringComparison.Ordinal) && Text(value) is { } target)
            {
                mapping[name[MappingPrefix.Length..]] = target;
            }
        }

        switch (values.Values.GetValueOrDefault("mapping"))
        {
            case Dictionary<string, object?> map:
                foreach (var (source, value) in map)
                {
                    if (Text(value) is { } target)
                    {
                        mapping[source] = target;
                    }
                }

                break;
            case string lines:
                foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
                    if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                    {
                        throw Invalid("mapping", $"Each mapping line is 'source=target'; '{line}' is not.");
                    }

                    mapping[parts[0]] = parts[1];
                }

                break;
        }

        if (mapping.Count > MaxMappings)
        {
            throw Invalid("mapping", $"A migration maps at most {MaxMappings} elements.");
        }

        var version = Text(values.Values.GetValueOrDefault("targetVersion"));
        if (version is null || !int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var targetVersion) || targetVersion < 1)
        {
            throw Invalid("targetVersion", "'targetVersion' is required: the version (a positive number) to migrate to.");
        }

        var limit = Text(values.Values.GetValueOrDefault("limit"));
        int? max = null;
        if (limit is not null)
        {
            max = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : throw Invalid("limit", "'limit' must be a positive number.");
        }

        return new MigrationInput(targetVersion, mapping, Text(values.Values.GetValueOrDefault("state")), Text(values.Values.GetValueOrDefault("businessKey")), max);
    }

    private static string? Text(object? value) =>
        Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static ValidationException Invalid(string field, string message) =>
        new(Engine.ProcessEngine.MigrationInvalidCode, message, [new ValidationError("FIELD_INVALID", message, field)]);
}
