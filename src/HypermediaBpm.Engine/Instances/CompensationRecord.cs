namespace HypermediaBpm.Engine.Instances;

/// <summary>
/// A completed activity that can still be compensated (BPMN 2.0 §10.6.5): kept in the instance, in order of completion,
/// until a compensation throw event runs its handler or its scope goes.
/// </summary>
public sealed class CompensationRecord
{
    /// <summary>Unique within the instance; the scope of the records of what completed inside a subprocess.</summary>
    public required string Id { get; init; }

    /// <summary>The activity that completed.</summary>
    public required string ActivityId { get; init; }

    /// <summary>
    /// What undoes it: the handler activity its compensation boundary event is associated with, or the start event of its
    /// compensation event subprocess; null for a subprocess compensated by compensating what completed inside it.
    /// </summary>
    public string? HandlerId { get; init; }

    /// <summary>The scope token it completed in (null: the process), or the record of the subprocess it completed inside.</summary>
    public string? ScopeId { get; set; }

    /// <summary>The throw event's token whose compensation will run (or runs) this record; null until one claims it.</summary>
    public string? ThrowerId { get; set; }
}
