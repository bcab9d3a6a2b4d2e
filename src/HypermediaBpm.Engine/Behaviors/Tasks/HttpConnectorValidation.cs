using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Expressions;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>
/// Deploy-time checks of an HTTP service task's connector: an input written as a constant that can never work (a
/// <c>file:</c> URL, a negative timeout, a method that is no method) is refused with the parameter's line and column,
/// instead of failing every call of every instance. Inputs computed by expressions are checked when the call is made.
/// </summary>
internal static class HttpConnectorValidation
{
    public const string Code = "HTTP_CONNECTOR_INVALID";

    public static void Check(ServiceTask task, List<ValidationError> errors)
    {
        if (!task.ConnectorInputs.Any(i => i.Target == HttpConnectorInputs.Url))
        {
            Add(errors, task, task.Position, $"HTTP task '{task.DisplayName}' has no '{HttpConnectorInputs.Url}' input, so it has nowhere to call.");
        }

        foreach (var (mapping, isInput) in task.ConnectorInputs.Select(i => (i, true)).Concat(task.ConnectorOutputs.Select(o => (o, false))))
        {
            var at = mapping.Position.Line > 0 ? mapping.Position : task.Position;
            if (mapping.Source is not { } source)
            {
                continue;
            }

            CompiledExpression compiled;
            try
            {
                compiled = ExpressionCompiler.CompileTemplate(source.Trim());
            }
            catch (ExpressionSyntaxException ex)
            {
                Add(errors, task, at, $"The '{mapping.Target}' parameter of '{task.DisplayName}' does not parse: {ex.Message}");
                continue;
            }

            if (isInput && WhyInvalid(mapping.Target, compiled, source.Trim()) is { } why)
            {
                Add(errors, task, at, $"The '{mapping.Target}' of HTTP task '{task.DisplayName}' can never work: {why}.");
            }
        }
    }

    /// <summary>Why a constant input is unusable; null when it is fine or computed (then it is checked at run time).</summary>
    private static string? WhyInvalid(string input, CompiledExpression compiled, string text)
    {
        var literal = compiled.Dialect == ExpressionDialect.Literal;
        switch (input)
        {
            case HttpConnectorInputs.Url:
                return literal && !text.Contains('{', StringComparison.Ordinal)
                    ? HttpConnectorInputs.WhyUrlInvalid(text)
                    : LiteralScheme(text) is { } scheme ? HttpConnectorInputs.WhySchemeInvalid(scheme) : null;
            case HttpConnectorInputs.Method when literal:
                return HttpConnectorInputs.WhyMethodInvalid(text);
            case HttpConnectorInputs.Timeout when literal:
                return HttpConnectorInputs.TryParseTimeout(text, out _, out var timeout) ? null : timeout;
            case HttpConnectorInputs.RetryBackoff when literal:
                return HttpConnectorInputs.TryParseBackoff(text, out _, out var backoff) ? null : backoff;
            case HttpConnectorInputs.Retries when literal:
                return HttpConnectorInputs.TryParseTries(text, out _) ? null : $"'{text}' is not a whole number";
            case HttpConnectorInputs.FollowRedirects when literal:
                return HttpConnectorInputs.TryParseFollowRedirects(text, out _) ? null : $"'{text}' is neither true nor false";
            default:
                return null;
        }
    }

    /// <summary>The scheme a URL template spells out before its first expression (<c>file:///{path}</c>: <c>file</c>), if any.</summary>
    private static string? LiteralScheme(string text)
    {
        var end = text.IndexOfAny(['$', '#', '{']);
        var prefix = end < 0 ? text : text[..end];
        var colon = prefix.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var scheme = prefix[..colon];
        return char.IsAsciiLetter(scheme[0]) && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? scheme : null;
    }

    private static void Add(List<ValidationError> errors, ServiceTask task, SourcePosition at, string message) =>
        errors.Add(new ValidationError(Code, message, null, at.Line, at.Column, task.Id));
}
