using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>The code of a refused start of a model deployed for documentation only.</summary>
    public const string NotExecutableCode = "PROCESS_NOT_EXECUTABLE";

    /// <summary>The process, unless it was deployed for documentation only: then nothing may start it (409).</summary>
    private static Definitions.DeployedProcess EnsureExecutable(Definitions.DeployedProcess process) =>
        process.Record.Executable
            ? process
            : throw new InvalidStateException(NotExecutableCode,
                $"Process '{process.Record.Key}' version {process.Record.Version} was deployed for documentation only; deploy it as executable to run it.",
                new Dictionary<string, object?> { ["process"] = process.Record.Key, ["version"] = process.Record.Version });
}
