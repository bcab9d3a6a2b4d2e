namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>Limits for <see cref="BpmnParser"/>.</summary>
public sealed class BpmnParserOptions
{
    /// <summary>
    /// The largest document accepted, in characters (default 10 million). Larger input is refused with
    /// <see cref="ProblemCodes.XmlTooLarge"/> before it is held in memory, so an upload cannot exhaust the server.
    /// </summary>
    public long MaxCharacters { get; init; } = 10_000_000;
}
