using HypermediaBpm.Engine.Expressions;

namespace HypermediaBpm.Engine.Tests.Expressions;

/// <summary>Short helpers so that the tables of expression tests stay one line per case.</summary>
internal static class Expr
{
    /// <summary>The variables most tests read.</summary>
    public static Dictionary<string, object?> Sample() => new()
    {
        ["amount"] = 1500L,
        ["price"] = 9.5,
        ["approved"] = true,
        ["confirmed"] = false,
        ["name"] = "Ada",
        ["blank"] = "",
        ["nothing"] = null,
        ["zero"] = 0L,
        ["numbers"] = new List<object?> { 10L, 20L, 30L },
        ["customer"] = new Dictionary<string, object?>
        {
            ["name"] = "Grace",
            ["address"] = new Dictionary<string, object?> { ["city"] = "Arlington" },
            ["tags"] = new List<object?> { "vip", "early" },
        },
        ["orders"] = new List<object?>
        {
            new Dictionary<string, object?> { ["id"] = "o1", ["total"] = 5L },
            new Dictionary<string, object?> { ["id"] = "o2", ["total"] = 50L },
            new Dictionary<string, object?> { ["id"] = "o3", ["total"] = 500L },
        },
        ["emptyList"] = new List<object?>(),
        ["date"] = "2024-03-01",
        ["numericText"] = "42",
    };

    public static object? Eval(string source, IReadOnlyDictionary<string, object?>? variables = null) =>
        ExpressionCompiler.Compile(source).Evaluate(new DictionaryVariableResolver(variables ?? Sample()));

    public static bool Condition(string source, IReadOnlyDictionary<string, object?>? variables = null) =>
        ExpressionCompiler.Compile(source).EvaluateCondition(new DictionaryVariableResolver(variables ?? Sample()));

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Name, pair => pair.Value);

    public static ExpressionEvaluationException Fails(string source, IReadOnlyDictionary<string, object?>? variables = null) =>
        Assert.Throws<ExpressionEvaluationException>(() => Eval(source, variables));

    public static ExpressionSyntaxException SyntaxError(string source) =>
        Assert.Throws<ExpressionSyntaxException>(() => ExpressionCompiler.Compile(source));
}
