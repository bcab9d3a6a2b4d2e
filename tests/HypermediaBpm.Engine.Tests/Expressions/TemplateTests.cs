using HypermediaBpm.Engine.Expressions;
using static HypermediaBpm.Engine.Tests.Expressions.Expr;

namespace HypermediaBpm.Engine.Tests.Expressions;

public class TemplateTests
{
    [Theory]
    [InlineData("Hello ${name}!", "Hello Ada!")]
    [InlineData("${name} owes ${amount}", "Ada owes 1500")]
    [InlineData("Price: ${price}", "Price: 9.5")]
    [InlineData("[${nothing}]", "[]")]
    [InlineData("ok=${approved}", "ok=true")]
    [InlineData("${name}${name}", "AdaAda")]
    [InlineData("Tags: ${customer.tags}", "Tags: [\"vip\",\"early\"]")]
    [InlineData("Cost \\${not evaluated}", "Cost ${not evaluated}")]
    [InlineData("50% of ${amount} is ${amount / 2}", "50% of 1500 is 750")]
    [InlineData("text with } and { and $ alone ${'}'}", "text with } and { and $ alone }")]
    [InlineData("#{name} and ${name}", "Ada and Ada")]
    public void Compile_TextWithParts_InterpolatesString(string source, string expected)
    {
        var expression = ExpressionCompiler.Compile(source);

        Assert.Equal(ExpressionDialect.Juel, expression.Dialect);
        Assert.Equal(expected, expression.Evaluate(new DictionaryVariableResolver(Sample())));
    }

    [Theory]
    [InlineData("${amount}", 1500L)]
    [InlineData("  ${approved}\n  ", true)]
    [InlineData("${nothing}", null)]
    public void Compile_SinglePart_KeepsValueType(string source, object? expected)
    {
        Assert.Equal(expected, Eval(source));
    }

    [Fact]
    public void CompileTemplate_PlainText_IsLiteral()
    {
        var expression = ExpressionCompiler.CompileTemplate("kermit");

        Assert.Equal(ExpressionDialect.Literal, expression.Dialect);
        Assert.Equal("kermit", expression.Evaluate(DictionaryVariableResolver.Empty));
        Assert.Empty(expression.VariableNames);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  spaced out  ")]
    [InlineData("price > 0")]
    [InlineData("a == b")]
    public void CompileTemplate_TextWithoutMarkers_ReturnsTextUnchanged(string text)
    {
        Assert.Equal(text, ExpressionCompiler.CompileTemplate(text).Evaluate(DictionaryVariableResolver.Empty));
    }

    [Fact]
    public void CompileTemplate_JuelParts_Interpolates()
    {
        var expression = ExpressionCompiler.CompileTemplate("${name}-team ");

        Assert.Equal(ExpressionDialect.Juel, expression.Dialect);
        Assert.Equal("Ada-team ", expression.Evaluate(new DictionaryVariableResolver(Sample())));
    }

    [Fact]
    public void CompileTemplate_EqualsPrefix_IsFeel()
    {
        var expression = ExpressionCompiler.CompileTemplate("= upper case(name) ");

        Assert.Equal(ExpressionDialect.Feel, expression.Dialect);
        Assert.Equal("ADA", expression.Evaluate(new DictionaryVariableResolver(Sample())));
    }

    [Fact]
    public void CompileTemplate_SinglePart_KeepsValueType()
    {
        Assert.Equal(1500L, ExpressionCompiler.CompileTemplate("${amount}").Evaluate(new DictionaryVariableResolver(Sample())));
    }

    [Theory]
    [InlineData("${a}", ExpressionDialect.Juel)]
    [InlineData("#{a}", ExpressionDialect.Juel)]
    [InlineData("x ${a}", ExpressionDialect.Juel)]
    [InlineData("=a", ExpressionDialect.Feel)]
    [InlineData("  = a", ExpressionDialect.Feel)]
    [InlineData("a > 0", ExpressionDialect.Feel)]
    public void Compile_Text_RecognizesDialect(string source, ExpressionDialect dialect)
    {
        var expression = ExpressionCompiler.Compile(source);

        Assert.Equal(dialect, expression.Dialect);
        Assert.Equal(source, expression.Source);
    }

    [Theory]
    [InlineData("${a + b.c > d[e]}", new[] { "a", "b", "d", "e" })]
    [InlineData("Hi ${first} ${last} ${first}", new[] { "first", "last" })]
    [InlineData("=count(items) > limit and items[1].x = 2", new[] { "items", "limit" })]
    [InlineData("${1 + 2}", new string[0])]
    [InlineData("${environment.variables.total}", new[] { "total" })]
    public void VariableNames_Expression_ListsTopLevelNamesOnce(string source, string[] names)
    {
        Assert.Equal(names, ExpressionCompiler.Compile(source).VariableNames);
    }

    [Fact]
    public void Evaluate_ValuesOfOtherClrTypes_AreNormalized()
    {
        var variables = Vars(
            ("i", 5),
            ("m", 2.5m),
            ("f", 1.5f),
            ("map", new SortedDictionary<string, object?> { ["k"] = (short)3 }),
            ("list", new object?[] { 1, "x" }),
            ("longs", new List<long> { 7, 8 }));

        Assert.Equal(7.5, Eval("${i + m}", variables));
        Assert.Equal(6L, Eval("${i + 1}", variables));
        Assert.Equal(true, Eval("${f == 1.5}", variables));
        Assert.Equal(3L, Eval("${map.k}", variables));
        Assert.Equal(1L, Eval("=list[1]", variables));
        Assert.Equal(8L, Eval("=longs[2]", variables));
        Assert.Equal(true, Eval("=map.k = 3", variables));
    }

    [Fact]
    public void Evaluate_SameExpressionManyThreads_GivesSameResults()
    {
        var expression = ExpressionCompiler.Compile("=sum(numbers[item > 10]) + amount");
        var resolver = new DictionaryVariableResolver(Sample());

        var results = Enumerable.Range(0, 200).AsParallel().Select(_ => expression.Evaluate(resolver)).Distinct().ToList();

        Assert.Equal([1550L], results);
    }
}
