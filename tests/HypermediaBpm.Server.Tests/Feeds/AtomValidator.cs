using System.Diagnostics;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Server.Tests.Feeds;

/// <summary>
/// Validates a document against RFC 4287's RELAX NG schema (<c>../shared/schemas/atom.rnc</c>) with jing,
/// the reference validator (Debian package <c>jing</c>, installed by scripts/test.sh). A missing jing fails
/// the test: a feed that was never validated must not pass.
/// </summary>
public static class AtomValidator
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "test-data", "atom");

    public static string SchemaPath => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "schemas", "atom.rnc"));

    /// <summary>Asserts that <paramref name="xml"/> is a valid Atom document; shows jing's messages when not.</summary>
    public static async Task AssertValidAsync(string xml, string name)
    {
        Assert.True(File.Exists(SchemaPath), $"The Atom schema is expected at {SchemaPath}.");
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, xml);
        var start = new ProcessStartInfo("jing", ["-c", SchemaPath, file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"jing is not installed ({e.Message}): run scripts/test.sh as root or 'apt-get install -y jing'.");
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{name} is not valid Atom (jing exit {process.ExitCode}):\n{output}\n{xml}");
        }

        File.Delete(file);
    }
}
