namespace HypermediaBpm.Testing;

/// <summary>
/// Finds the shared BPMN corpus (<c>../shared/bpmn-corpus</c> beside the repository) from wherever the test
/// assembly runs, so tests work from the IDE, <c>dotnet test</c> and CI alike.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The corpus directory (holds <c>execute/</c>, <c>render/</c>, <c>invalid/</c> and README.md).</summary>
    /// <exception cref="DirectoryNotFoundException">The repository root or the corpus cannot be found.</exception>
    public static string Root => Located.Value;

    /// <summary>
    /// The BPMN files (<c>*.bpmn</c>, <c>*.xml</c>; not the reference PNGs) in a corpus folder such as
    /// <c>execute</c>, as full paths sorted by name.
    /// </summary>
    public static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder))
            .Where(f => f.EndsWith(".bpmn", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HypermediaBpm.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bpmn-corpus"));
                return Directory.Exists(corpus)
                    ? corpus
                    : throw new DirectoryNotFoundException($"The BPMN corpus is expected at {corpus}, beside the repository {dir.FullName}.");
            }
        }

        throw new DirectoryNotFoundException($"No directory above {AppContext.BaseDirectory} holds HypermediaBpm.sln, so the BPMN corpus cannot be located.");
    }
}
