using HypermediaBpm.Engine.Expressions;
using static HypermediaBpm.Engine.Tests.Expressions.Expr;

namespace HypermediaBpm.Engine.Tests.Expressions;

public class SyntaxErrorTests
{
    [Theory]
    [InlineData("${a > (1 + )}", 11, "Unexpected ')' at column 12: expected an operand")]
    [InlineData("${a > }", 6, "Unexpected '}' at column 7: expected an operand")]
    [InlineData("${a b}", 4, "Unexpected 'b' at column 5: expected an operator or '}'")]
    [InlineData("${a = 1}", 4, "Unexpected '=' at column 5: JUEL compares with '==' (or 'eq')")]
    [InlineData("${a & b}", 4, "Unexpected '&' at column 5: JUEL uses '&&' (or 'and')")]
    [InlineData("${a + 1", 0, "Unclosed '${' at column 1: expected '}' after the expression")]
    [InlineData("${}", 2, "Empty '${}' at column 3: expected an expression")]
    [InlineData("${'abc}", 2, "Unterminated string at column 3: expected a closing '")]
    [InlineData("${a ? 1}", 7, "Unexpected '}' at column 8: expected ':' to separate the two branches of '?'")]
    [InlineData("${(a}", 4, "Unexpected '}' at column 5: expected ')' to close '('")]
    [InlineData("${a.}", 4, "Unexpected '}' at column 5: expected a property name after '.'")]
    [InlineData("${dateTime().plusWeeks(1)}", 2, "Function 'dateTime' is not supported at column 3: JUEL expressions here cannot call functions or methods")]
    [InlineData("${execution.getVariable('x')}", 23, "Unexpected '(' at column 24: method and function calls are not supported in JUEL expressions")]
    [InlineData("${and}", 2, "Unexpected 'and' at column 3: 'and' is a reserved word, expected an operand")]
    [InlineData("${a @ b}", 4, "Unexpected character '@' at column 5")]
    [InlineData("Hello ${name", 6, "Unclosed '${' at column 7: expected '}' after the expression")]
    public void Compile_InvalidJuel_ReportsColumnAndCause(string source, int offset, string message)
    {
        var error = SyntaxError(source);

        Assert.Equal("EXPRESSION_SYNTAX", error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(1, error.Line);
        Assert.Equal(offset + 1, error.Column);
        Assert.Equal(source, error.Context["expression"]);
        Assert.Equal(offset + 1, error.Context["column"]);
    }

    [Theory]
    [InlineData("=a >", 4, "Unexpected end of expression at column 5: expected an operand")]
    [InlineData("=a == 1", 3, "Unexpected '==' at column 4: FEEL compares with a single '='")]
    [InlineData("=a && b", 3, "Unexpected '&' at column 4: FEEL uses 'and'")]
    [InlineData("=!a", 1, "Unexpected '!' at column 2: FEEL negates with not(...)")]
    [InlineData("=a % 2", 3, "Unexpected '%' at column 4: FEEL has no '%' operator, use modulo(a, b)")]
    [InlineData("price >", 7, "Unexpected end of expression at column 8: expected an operand")]
    [InlineData("=foo(1)", 1, "Unknown function 'foo' at column 2")]
    [InlineData("=1 + upper cas(x)", 5, "Unknown function 'upper cas' at column 6")]
    [InlineData("=count(1, 2)", 1, "Function 'count' takes 1 argument, not 2 at column 2")]
    [InlineData("=substring(\"a\")", 1, "Function 'substring' takes 2 to 3 arguments, not 1 at column 2")]
    [InlineData("=if a then b", 12, "Unexpected end of expression at column 13: expected 'else' after the 'then' branch")]
    [InlineData("=a between 1", 12, "Unexpected end of expression at column 13: expected 'and' between the two bounds of 'between'")]
    [InlineData("=[1..5]", 3, "A range such as [1..5] can only be used after 'in' at column 4")]
    [InlineData("=for x in y return x", 1, "'for' expressions are not supported at column 2: use a script task for iteration")]
    [InlineData("={a: 1, a: 2}", 8, "Duplicate key 'a' in the context at column 9")]
    [InlineData("=a)", 2, "Unexpected ')' at column 3: nothing opened it")]
    [InlineData("=a.b(1)", 4, "Unexpected '(' at column 5: only built-in functions can be called")]
    [InlineData("=", 1, "Expression is empty at column 2: expected an expression")]
    [InlineData("   ", 3, "Expression is empty at column 4: expected an expression")]
    [InlineData("=\"abc", 1, "Unterminated string at column 2: expected a closing \"")]
    public void Compile_InvalidFeel_ReportsColumnAndCause(string source, int offset, string message)
    {
        var error = SyntaxError(source);

        Assert.Equal(message, error.Message);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(offset + 1, error.Column);
    }

    [Fact]
    public void Compile_ErrorOnSecondLine_ReportsLineAndColumn()
    {
        var error = SyntaxError("${a &&\n  (b || )}");

        Assert.Equal(2, error.Line);
        Assert.Equal(9, error.Column);
        Assert.Equal(15, error.Offset);
        Assert.Equal("Unexpected ')' at line 2, column 9: expected an operand", error.Message);
    }

    [Fact]
    public void TryCompile_Invalid_ReturnsErrorInsteadOfThrowing()
    {
        var ok = ExpressionCompiler.TryCompile("${a +}", out var expression, out var error);

        Assert.False(ok);
        Assert.Null(expression);
        Assert.Equal(5, error!.Offset);
    }

    [Fact]
    public void TryCompile_Valid_ReturnsExpression()
    {
        var ok = ExpressionCompiler.TryCompile("${a + 1}", out var expression, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal(3L, expression!.Evaluate(new DictionaryVariableResolver(Vars(("a", 2L)))));
    }

    [Fact]
    public void Compile_SourceTooLong_Refused()
    {
        var error = SyntaxError("=" + new string('1', ExpressionCompiler.MaxSourceLength));

        Assert.Contains("too long", error.Message);
        Assert.Throws<ExpressionSyntaxException>(() => ExpressionCompiler.CompileTemplate(new string('x', ExpressionCompiler.MaxSourceLength + 1)));
    }

    [Theory]
    [InlineData("${", "(", "a", ")", "}")]
    [InlineData("=", "(", "a", ")", "")]
    [InlineData("${", "-", "a", "", "}")]
    [InlineData("${", "!", "a", "", "}")]
    [InlineData("=", "[", "a", "]", "")]
    [InlineData("=", "not(", "a", ")", "")]
    public void Compile_NestingBeyondLimit_Refused(string prefix, string open, string inner, string close, string suffix)
    {
        string Nest(int depth) => prefix + string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth)) + suffix;

        var error = SyntaxError(Nest(1_500));

        Assert.Contains("nests too deeply", error.Message);
        ExpressionCompiler.Compile(Nest(20));
    }

    [Theory]
    [InlineData("${a", " + a", "}")]
    [InlineData("${a", " && a", "}")]
    [InlineData("=a", " or a", "")]
    [InlineData("=a", " * a", "")]
    public void Compile_LongOperatorChain_RefusedBeyondDepthLimit(string start, string repeat, string end)
    {
        var error = SyntaxError(start + string.Concat(Enumerable.Repeat(repeat, 1_000)) + end);

        Assert.Contains("nests too deeply", error.Message);
        ExpressionCompiler.Compile(start + string.Concat(Enumerable.Repeat(repeat, 30)) + end);
    }
}
