namespace HypermediaBpm.Storage.Sqlite.Tests.Support;

/// <summary>
/// A per-test directory under the test output folder (not /tmp), removed with everything in it on dispose.
/// </summary>
public sealed class TestDatabaseDirectory : IDisposable
{
    public TestDatabaseDirectory()
    {
        Path = System.IO.Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
