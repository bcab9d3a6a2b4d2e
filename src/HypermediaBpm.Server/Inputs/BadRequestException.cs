using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Server.Inputs;

/// <summary>A request the server cannot even read (malformed JSON, missing body): 400.</summary>
public sealed class BadRequestException(string code, string message, IReadOnlyDictionary<string, object?>? context = null)
    : EngineException(code, message, context);
