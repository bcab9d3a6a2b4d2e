using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Server.Representations.Svg;

namespace HypermediaBpm.Bench;

/// <summary>
/// Renders BPMN files to SVG with the server's own <see cref="SvgDiagramWriter"/>, for looking at the drawing
/// outside the server (docs/diagrams/visual/make.sh compares the result with reference images). A file with
/// one diagram gives <c>name.svg</c>; a file with several BPMNDiagrams gives <c>name.1.svg</c>, <c>name.2.svg</c>
/// … in document order, the way the MIWG reference images of such files are numbered.
/// </summary>
public static class Render
{
    private static readonly string[] Extensions = [".bpmn20.xml", ".bpmn", ".xml"];

    public static int Run(string[] args)
    {
        var o = new Options(args);
        var output = o.Get("out", "svg");
        var inputs = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (inputs.Count == 0)
        {
            Console.Error.WriteLine("render: name a BPMN file or a folder of them");
            return 2;
        }

        Directory.CreateDirectory(output);
        var failed = 0;
        foreach (var file in inputs.SelectMany(Files))
        {
            var result = BpmnParser.Parse(File.ReadAllText(file));
            if (result.Definitions is not { } definitions)
            {
                Console.Error.WriteLine($"{file}: not parsed ({result.Problems.Count} problems)");
                failed++;
                continue;
            }

            var name = BaseName(file);
            var diagrams = definitions.Diagrams.Where(d => d.Shapes.Count > 0 || d.Edges.Count > 0).ToList();
            if (diagrams.Count <= 1)
            {
                Save(Path.Combine(output, name + ".svg"), SvgDiagramWriter.Write(definitions));
                continue;
            }

            for (var i = 0; i < diagrams.Count; i++)
            {
                Save(Path.Combine(output, $"{name}.{i + 1}.svg"), SvgDiagramWriter.Write(definitions, diagrams[i]));
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Files(string input) =>
        Directory.Exists(input)
            ? Directory.EnumerateFiles(input).Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))).Order(StringComparer.Ordinal)
            : [input];

    private static string BaseName(string file)
    {
        var name = Path.GetFileName(file);
        var extension = Extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return extension is null ? Path.GetFileNameWithoutExtension(name) : name[..^extension.Length];
    }

    private static void Save(string path, string svg)
    {
        File.WriteAllText(path, svg);
        Console.WriteLine(path);
    }
}
