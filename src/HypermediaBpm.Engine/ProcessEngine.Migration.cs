using HypermediaBpm.Engine.Commands;

namespace HypermediaBpm.Engine;

/// <summary>The migration area's public face; the command itself is <see cref="Commanding.MigrationCommands"/>.</summary>
public sealed partial class ProcessEngine
{
    /// <summary>The code of a refused migration: an active element that does not map (422).</summary>
    public const string MigrationInvalidCode = Commanding.MigrationPlanner.InvalidCode;

    /// <summary>The history event a migration records.</summary>
    public const string InstanceMigratedEvent = Commanding.MigrationCommands.MigratedEvent;

    /// <summary>
    /// Moves a running instance to another version of its process per <paramref name="plan"/>: checked first (a
    /// <c>MIGRATION_INVALID</c> validation error names every active element that does not map, and nothing changes),
    /// then its tokens, tasks, subscriptions and jobs move in one change set.
    /// </summary>
    public Task<CommandOutcome> MigrateInstanceAsync(string instanceId, MigrationPlan plan, CommandContext context, CancellationToken cancellationToken) =>
        _migrations.MigrateAsync(instanceId, plan, context, cancellationToken);
}
