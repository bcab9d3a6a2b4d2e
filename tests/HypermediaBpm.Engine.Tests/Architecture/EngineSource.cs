using System.Text.RegularExpressions;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Architecture;

/// <summary>
/// The engine's source files, read as text: each file's area (its top folder under the project, "(root)" for the
/// façade) and its code with comments and string literals taken out, so that only what the code names counts.
/// </summary>
public sealed partial class EngineSource
{
    public const string Root = "(root)";

    private EngineSource(string path, string area, string code)
    {
        Path = path;
        Area = area;
        Code = code;
    }

    public string Path { get; }

    public string Area { get; }

    public string Code { get; }

    public static IReadOnlyList<EngineSource> All { get; } = Load();

    /// <summary>The areas this file's code depends on (its usings, qualified names, and the façade's type names).</summary>
    public IReadOnlySet<string> Dependencies(IReadOnlyDictionary<string, HashSet<string>> typesByArea)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in QualifiedName().Matches(Code))
        {
            found.Add(m.Groups[1].Value);
        }

        foreach (Match m in ShortQualifiedName().Matches(Code))
        {
            if (typesByArea.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value))
            {
                found.Add(m.Groups[1].Value);
            }
        }

        // Types of the façade's namespace are in scope everywhere in the engine without a using.
        foreach (var type in typesByArea[Root])
        {
            if (Regex.IsMatch(Code, $@"\b{type}\b"))
            {
                found.Add(Root);
            }
        }

        found.Remove(Area);
        return found;
    }

    /// <summary>The type names each area declares.</summary>
    public static Dictionary<string, HashSet<string>> TypesByArea()
    {
        var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in All)
        {
            var set = types.TryGetValue(file.Area, out var s) ? s : types[file.Area] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in Declaration().Matches(file.Code))
            {
                set.Add(m.Groups[1].Value);
            }
        }

        return types;
    }

    private static List<EngineSource> Load()
    {
        var project = System.IO.Path.Combine(RepositoryPaths.Root, "src", "HypermediaBpm.Engine");
        var files = new List<EngineSource>();
        foreach (var path in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(project, path);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = relative.Split(System.IO.Path.DirectorySeparatorChar);
            var area = parts.Length == 1 ? Root : parts[0];
            files.Add(new EngineSource(relative, area, StripCommentsAndStrings(File.ReadAllText(path))));
        }

        return files;
    }

    private static string StripCommentsAndStrings(string source)
    {
        var withoutComments = LineComment().Replace(BlockComment().Replace(source, " "), " ");
        return StringLiteral().Replace(withoutComments, "\"\"");
    }

    [GeneratedRegex(@"\bHypermediaBpm\.Engine\.([A-Z]\w*)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.(?:[A-Z]\w*\.)*?([A-Z]\w*)\b")]
    private static partial Regex ShortQualifiedName();

    [GeneratedRegex(@"\b(?:class|interface|record|enum|struct)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\$?@?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();
}
