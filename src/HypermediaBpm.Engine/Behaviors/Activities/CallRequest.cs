using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// A call activity's request to start its called process, worked out when the token arrived (key, version,
/// business key and input variables as the caller saw them then). The engine starts the called instance
/// after the caller's run, in the same command, because finding the definition reads the store.
/// </summary>
/// <param name="Version">The version to call with <see cref="CallBinding.Version"/>; otherwise null.</param>
public sealed record CallRequest(
    Token Token,
    CallActivity Activity,
    string ProcessKey,
    CallBinding Binding,
    int? Version,
    string? BusinessKey,
    IReadOnlyDictionary<string, object?> Variables);
