using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Conformance;

/// <summary>The scenario table accounts for every executable corpus model and names only files that exist.</summary>
public sealed class CorpusScenarioCoverageTests
{
    private static readonly string[] ExecuteFiles = Corpus.Files("execute").Select(f => Path.GetFileName(f)).ToArray();

    [Fact]
    public void EveryExecuteFile_HasAScenarioOrAnExclusion()
    {
        var covered = CorpusScenarios.All.Select(s => s.File)
            .Concat(CorpusScenarios.Excluded.Select(e => e.File))
            .ToHashSet(StringComparer.Ordinal);

        var uncovered = ExecuteFiles.Where(f => !covered.Contains(f)).ToList();
        Assert.Empty(uncovered);
    }

    [Fact]
    public void EveryNamedFile_Exists()
    {
        var named = CorpusScenarios.All.SelectMany(s => (s.Deploy ?? []).Prepend(s.File))
            .Concat(CorpusScenarios.Excluded.Select(e => e.File))
            .Distinct(StringComparer.Ordinal);

        var unknown = named.Where(f => !ExecuteFiles.Contains(f, StringComparer.Ordinal)).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Scenarios_AreGroupedByFileInNameOrder_WithDistinctCases()
    {
        var files = CorpusScenarios.All.Select(s => s.File).ToList();
        var groups = files.Where((f, i) => i == 0 || files[i - 1] != f).ToList();

        Assert.Equal(groups.Distinct(StringComparer.Ordinal), groups);
        Assert.Equal(groups.Order(StringComparer.Ordinal), groups);
        Assert.Equal(CorpusScenarios.Excluded.Select(e => e.File).Order(StringComparer.Ordinal), CorpusScenarios.Excluded.Select(e => e.File));
        Assert.Equal(CorpusScenarios.All.Count, CorpusScenarios.All.Select(s => (s.File, s.Case)).Distinct().Count());
    }
}
