namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// Everything the engine keeps. A store owns no logic of its own: the engine decides, the store remembers.
/// Writes happen only through <see cref="ICommitStore.CommitAsync"/>, one atomic change set per engine command.
/// The store is split by concern; each command handler depends on the parts it uses.
/// </summary>
public interface IEngineStore : IIdentityStore, IDefinitionStore, IInstanceStore, ICommitStore, IHistoryStore, IParticipantStore,
    ITimerStore, ISubscriptionStore, IJobStore, IReservationStore, ITransactionStore
{
    /// <summary>Creates or upgrades the schema. Called once at start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Cheap round-trip for health checks; throws when the database cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
