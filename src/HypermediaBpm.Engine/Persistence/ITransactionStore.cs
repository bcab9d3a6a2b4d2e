namespace HypermediaBpm.Engine.Persistence;

/// <summary>The coordination records of try-confirm/cancel transactions (the coordinator side). Part of <see cref="IEngineStore"/>.</summary>
public interface ITransactionStore
{
    /// <summary>Inserts or replaces a coordination record (only its coordinator writes it).</summary>
    Task SaveTransactionAsync(TransactionRecord transaction, CancellationToken cancellationToken);

    Task<TransactionRecord?> GetTransactionAsync(string id, CancellationToken cancellationToken);

    Task<Page<TransactionRecord>> QueryTransactionsAsync(TransactionQuery query, CancellationToken cancellationToken);
}
