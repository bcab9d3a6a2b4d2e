using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace HypermediaBpm.Engine.Tests.Architecture;

/// <summary>
/// The command side's seams (issue 15): <see cref="ProcessEngine"/> is a façade whose methods forward to one handler per
/// area in <c>Commanding/</c>, and the handlers do not call each other — what one area needs of another comes through
/// <c>ICommandFollowUps</c> (answered by the façade), <c>IInstanceStarter</c> or the shared parts of the command path.
/// </summary>
public sealed partial class CommandingTests
{
    /// <summary>The parts every handler may use: the command path itself and the events area's delivery, not handlers.</summary>
    // Parts of the command path, or of one area (the migration handler's planner and rewrite), that are no handler.
    private static readonly string[] SharedParts =
        ["CommandPipeline", "CommandSession", "SubscriptionDelivery", "JobRules", "JobLockLimits", "MigrationPlanner", "MigrationRewrite"];

    private static readonly Assembly Engine = typeof(ProcessEngine).Assembly;

    [Fact]
    public void ProcessEngine_DeclaresNoPrivateMethods_OnlyTheFacadeAndTheFollowUpsItForwards()
    {
        var engine = typeof(ProcessEngine);
        var interfaceTargets = engine.GetInterfaces().SelectMany(i => engine.GetInterfaceMap(i).TargetMethods).ToHashSet();
        var privateMethods = engine.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic)
            .Where(m => !m.IsSpecialName && !interfaceTargets.Contains(m) && m.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Select(m => m.Name)
            .ToList();

        Assert.Empty(privateMethods);
    }

    [Fact]
    public void ProcessEngine_PublicMethodsAreOneLineForwards()
    {
        // A forward is an expression body; a block body in the façade means an area's logic has crept back into it.
        var blockBodies = EngineSource.All
            .Where(f => f.Area == EngineSource.Root && Path.GetFileName(f.Path).StartsWith("ProcessEngine", StringComparison.Ordinal))
            .SelectMany(f => MethodWithBlockBody().Matches(f.Code).Select(m => m.Groups[1].Value).Where(n => n != nameof(ProcessEngine)).Select(n => $"{f.Path}: {n}"))
            .ToList();

        Assert.Empty(blockBodies);
    }

    [Fact]
    public void CommandHandlers_DependOnNoOtherHandler()
    {
        var handlers = Handlers();
        var offenders = new List<string>();
        foreach (var handler in handlers)
        {
            var dependencies = handler.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .SelectMany(c => c.GetParameters().Select(p => p.ParameterType))
                .Concat(handler.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType));
            offenders.AddRange(dependencies.Where(d => d != handler && handlers.Contains(d)).Select(d => $"{handler.Name} → {d.Name}"));
        }

        Assert.True(handlers.Count >= 10, $"Expected the areas' handlers in Commanding, found {handlers.Count}.");
        Assert.Empty(offenders);
    }

    [Fact]
    public void CommandHandlers_CallNoOtherHandlersMethods()
    {
        var names = Handlers().Select(h => h.Name).ToList();
        var offenders = EngineSource.All
            .Where(f => f.Area == "Commanding")
            .SelectMany(f => names
                .Where(n => Path.GetFileNameWithoutExtension(f.Path) != n && Regex.IsMatch(f.Code, $@"\b{n}\.\w+\s*\("))
                .Select(n => $"{f.Path} calls {n}"))
            .ToList();

        Assert.Empty(offenders);
    }

    /// <summary>Every class in <c>Commanding</c> but the shared parts of the command path.</summary>
    private static HashSet<Type> Handlers() =>
        Engine.GetTypes()
            .Where(t => t.Namespace == "HypermediaBpm.Engine.Commanding" && t.IsClass && !t.IsNested && !SharedParts.Contains(t.Name)
                && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .ToHashSet();

    /// <summary>A method declaration followed by a block: a line ending in <c>)</c> whose next line opens <c>{</c>.</summary>
    [GeneratedRegex(@"\n\s*(?:public|private|internal)[^\n=]*?\s(\w+)\s*\([^;{}]*\)\s*\n\s*\{")]
    private static partial Regex MethodWithBlockBody();
}
