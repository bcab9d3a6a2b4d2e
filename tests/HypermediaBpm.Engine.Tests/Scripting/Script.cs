using HypermediaBpm.Engine.Scripting;

namespace HypermediaBpm.Engine.Tests.Scripting;

/// <summary>Runs scripts with the real runner and the sample variables most tests read.</summary>
internal static class Script
{
    public static Dictionary<string, object?> Sample() => new()
    {
        ["amount"] = 1500L,
        ["price"] = 9.5,
        ["name"] = "Ada",
        ["approved"] = true,
        ["nothing"] = null,
        ["customer"] = new Dictionary<string, object?>
        {
            ["name"] = "Grace",
            ["tags"] = new List<object?> { "vip", 2L, 2.5, false, null },
            ["address"] = new Dictionary<string, object?> { ["city"] = "Arlington", ["zip"] = "22201" },
        },
    };

    public static ScriptResult Run(string script, IReadOnlyDictionary<string, object?>? variables = null, ScriptLimits? limits = null) =>
        new JavaScriptRunner().Run("javascript", script, variables ?? Sample(), limits ?? ScriptLimits.Default);

    public static object? Value(string script, IReadOnlyDictionary<string, object?>? variables = null) =>
        Run(script, variables).CompletionValue;

    public static ScriptException Fails(string script, ScriptLimits? limits = null) =>
        Assert.Throws<ScriptException>(() => Run(script, limits: limits));
}
