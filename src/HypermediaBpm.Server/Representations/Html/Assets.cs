using System.Security.Cryptography;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>The static files of the HTML pages (one style sheet), embedded in the assembly.</summary>
public static class Assets
{
    private static readonly Lazy<byte[]> StyleSheetBytes = new(() =>
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("assets/site.css")
            ?? throw new InvalidOperationException("The style sheet is not embedded in the server assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    private static readonly Lazy<string> Version = new(() => Convert.ToHexStringLower(SHA256.HashData(StyleSheetBytes.Value))[..12]);

    public static byte[] StyleSheet => StyleSheetBytes.Value;

    /// <summary>A short hash of the style sheet: part of its URI, so a new sheet is a new URI.</summary>
    public static string StyleSheetVersion => Version.Value;
}
