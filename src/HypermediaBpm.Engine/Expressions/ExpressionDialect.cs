namespace HypermediaBpm.Engine.Expressions;

/// <summary>The language a <see cref="CompiledExpression"/> was written in, decided from its text.</summary>
public enum ExpressionDialect
{
    /// <summary>Camunda 7 style Unified EL: <c>${...}</c>, <c>#{...}</c> or a text template with such parts.</summary>
    Juel,

    /// <summary>Camunda 8 / Zeebe style FEEL: text starting with <c>=</c>, or bare text without <c>${</c>.</summary>
    Feel,

    /// <summary>Plain text returned as it is (only from <see cref="ExpressionCompiler.CompileTemplate"/>).</summary>
    Literal,
}
