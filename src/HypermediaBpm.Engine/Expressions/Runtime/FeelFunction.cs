namespace HypermediaBpm.Engine.Expressions.Runtime;

/// <summary>
/// A built-in FEEL function: a name (which may contain spaces, as in <c>upper case</c>), how many arguments it
/// takes, and its body. Bodies receive normalized values and answer null for arguments they cannot handle.
/// </summary>
internal sealed class FeelFunction(string name, int minArguments, int maxArguments, Func<object?[], EvaluationContext, object?> body)
{
    /// <summary>Marks functions such as <c>sum(1, 2, 3)</c> that take any number of arguments.</summary>
    public const int Unbounded = int.MaxValue;

    public string Name { get; } = name;

    public int MinArguments { get; } = minArguments;

    public int MaxArguments { get; } = maxArguments;

    public object? Invoke(object?[] arguments, EvaluationContext context) => body(arguments, context);

    public string DescribeArity()
    {
        static string Count(int n) => n == 1 ? "1 argument" : $"{n} arguments";
        return MaxArguments == Unbounded ? $"at least {Count(MinArguments)}"
            : MinArguments == MaxArguments ? Count(MinArguments)
            : $"{MinArguments} to {Count(MaxArguments)}";
    }
}
