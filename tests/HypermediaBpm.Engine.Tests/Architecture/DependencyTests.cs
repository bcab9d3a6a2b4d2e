namespace HypermediaBpm.Engine.Tests.Architecture;

/// <summary>The dependency direction Bpmn ← Engine ← Storage, enforced.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void Engine_ReferencesNeitherAspNetCoreNorADatabaseDriver()
    {
        var references = typeof(ProcessEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) || n.Contains("Npgsql", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("HypermediaBpm.Bpmn", references);
    }

    [Fact]
    public void Bpmn_ReferencesOnlyTheBaseLibrary()
    {
        var references = typeof(Bpmn.Model.BpmnDefinitions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, n => Assert.True(n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard", n));
    }
}
