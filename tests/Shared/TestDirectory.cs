namespace HypermediaBpm.Testing;

/// <summary>A fresh folder under the test output (not /tmp), removed when disposed.</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory(string? name = null)
    {
        Path = System.IO.Path.Combine(AppContext.BaseDirectory, "test-data", (name ?? "t") + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background writer; the folder is under bin and harmless.
        }
    }
}
