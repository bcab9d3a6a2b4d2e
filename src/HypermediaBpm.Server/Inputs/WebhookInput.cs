using System.Globalization;
using System.Text.Json;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Triggers;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// What a message webhook (<c>POST /messages/{name}</c>) receives: a payload as another system sends it — a
/// shop's "payment received" callback — whose fields become the message's variables. The correlation key is
/// read, first found wins, from the query (<c>?correlationKey=</c> or <c>?key=</c>), a body field
/// <c>correlationKey</c>, the body field named like the variable the models' key expression reads
/// (<c>=orderId</c> → <c>orderId</c>), or a body field <c>businessKey</c>. The time to live is the query's <c>ttl</c>.
/// </summary>
public sealed record WebhookInput(string? CorrelationKey, IReadOnlyDictionary<string, object?> Variables, TimeSpan? TimeToLive)
{
    /// <summary>Query parameters that carry the key; a payload keeps all its fields for the process.</summary>
    public static readonly string[] KeyParameters = ["correlationKey", "key"];

    public const string CorrelationKeyField = "correlationKey";
    public const string BusinessKeyField = "businessKey";

    public static WebhookInput From(RequestValues values, IQueryCollection query, IReadOnlyList<MessageUse> uses, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var ttl = ParseTimeToLive(query["ttl"].ToString(), now, errors);
        var variables = new Dictionary<string, object?>(values.Values, StringComparer.Ordinal);

        // The send template's shape, as the HTML form posts it: the other fields as one JSON object.
        if (variables.Remove("variables", out var spread))
        {
            foreach (var (name, value) in Spread(spread, errors))
            {
                variables.TryAdd(name, value);
            }
        }

        var fromQuery = KeyParameters.Select(p => query[p].ToString()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var explicitKey = Text(Take(variables, CorrelationKeyField));
        var businessKey = Text(Take(variables, BusinessKeyField));
        var declared = KeyFields(uses).Select(field => Text(variables.GetValueOrDefault(field))).FirstOrDefault(v => v is not null);
        var key = fromQuery ?? explicitKey ?? declared ?? businessKey;
        if (key is null && uses.Any(u => !u.Starts))
        {
            var fields = string.Join(", ", SearchedFields(uses).Select(f => $"'{f}'"));
            errors.Add(new ValidationError("FIELD_REQUIRED",
                $"Say which instance the message is for: ?correlationKey= in the query, or one of the fields {fields}.", KeyFields(uses).FirstOrDefault() ?? CorrelationKeyField));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors.Any(e => e.Code == "FIELD_REQUIRED") ? "CORRELATION_KEY_MISSING" : "INVALID_INPUT", errors[0].Message, errors);
        }

        return new WebhookInput(key?.Trim(), variables, ttl);
    }

    /// <summary>The payload fields named like the variable each waiting model's key expression reads, in model order.</summary>
    public static IReadOnlyList<string> KeyFields(IReadOnlyList<MessageUse> uses) =>
        uses.Where(u => !u.Starts && u.KeyVariable is not null).Select(u => u.KeyVariable!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every body field the key is looked for in, in the order they are tried.</summary>
    public static IReadOnlyList<string> SearchedFields(IReadOnlyList<MessageUse> uses) =>
        [CorrelationKeyField, .. KeyFields(uses), BusinessKeyField];

    private static object? Take(Dictionary<string, object?> variables, string name) =>
        variables.Remove(name, out var value) ? value : null;

    private static string? Text(object? value) =>
        value is null or Dictionary<string, object?> or List<object?> ? null
        : Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static TimeSpan? ParseTimeToLive(string text, DateTimeOffset now, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var duration) && duration.AddTo(now) - now is { } span && span > TimeSpan.Zero)
        {
            return span;
        }

        errors.Add(new ValidationError("FIELD_INVALID", $"'{text}' is not a positive ISO 8601 duration (e.g. PT1H).", "ttl"));
        return null;
    }

    private static IReadOnlyDictionary<string, object?> Spread(object? value, List<ValidationError> errors)
    {
        switch (value)
        {
            case Dictionary<string, object?> map:
                return map;
            case string text when string.IsNullOrWhiteSpace(text):
                return new Dictionary<string, object?>();
            case string text:
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        return VariableJson.Deserialize(text);
                    }
                }
                catch (JsonException)
                {
                    // Reported below like any other shape that is not an object.
                }

                break;
        }

        errors.Add(new ValidationError("FIELD_INVALID", "'variables' must be a JSON object of names to values.", "variables"));
        return new Dictionary<string, object?>();
    }
}
