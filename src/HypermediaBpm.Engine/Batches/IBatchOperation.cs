using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Engine.Batches;

/// <summary>
/// One kind of batch operation: what is done to one selected instance, through the engine's command path (one command,
/// or one per incident), as the batch's creator. A new kind (instance migration, say) is one more class registered
/// beside these; the runner, the store and the resources know none of them by name.
/// </summary>
public interface IBatchOperation
{
    /// <summary>The operation's name in the <c>batch</c> template and the batch resource (<c>cancel</c>, <c>suspend</c>…).</summary>
    string Name { get; }

    /// <summary>What a person reads in the template's options.</summary>
    string Title { get; }

    /// <summary>
    /// Applies the operation to one instance. <paramref name="context"/> carries the creator and an idempotency key for
    /// this batch and instance, so a chunk run again after a crash replays what was already done instead of doing it twice;
    /// an operation running several commands derives one key per command from it. Throws an
    /// <see cref="Errors.EngineException"/> when the instance refuses (wrong state): the runner counts it as failed.
    /// </summary>
    Task ApplyAsync(ProcessEngine engine, string instanceId, CommandContext context, CancellationToken cancellationToken);
}
