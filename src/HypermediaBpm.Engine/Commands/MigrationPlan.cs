namespace HypermediaBpm.Engine.Commands;

/// <summary>
/// What a migration asks for (Camunda's migration plan, Zeebe's mapping instructions): the definition (another version
/// of the same process) the instance is to run from now on, and where each of its active elements goes there.
/// </summary>
/// <param name="TargetDefinitionId">The definition id of the target version.</param>
/// <param name="Mapping">Source element id → target element id; an element not named keeps its id.</param>
public sealed record MigrationPlan(string TargetDefinitionId, IReadOnlyDictionary<string, string>? Mapping = null)
{
    /// <summary>Where the source element <paramref name="sourceId"/> goes in the target.</summary>
    public string Map(string sourceId) =>
        Mapping is not null && Mapping.TryGetValue(sourceId, out var target) && !string.IsNullOrWhiteSpace(target) ? target : sourceId;
}
