namespace HypermediaBpm.Testing;

/// <summary>Finds the repository root (the folder holding HypermediaBpm.sln) from the test output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Docs(params string[] parts) => Path.Combine([Root, "docs", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HypermediaBpm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("HypermediaBpm.sln not found above " + AppContext.BaseDirectory);
    }
}
