namespace HypermediaBpm.Engine.Tests.Support;

/// <summary>
/// Tests that measure the whole process (CPU time, working set) run alone: any other test running beside them
/// would be measured too.
/// </summary>
[CollectionDefinition(nameof(ResourceMeasurement), DisableParallelization = true)]
public sealed class ResourceMeasurement;
