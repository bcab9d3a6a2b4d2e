using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    private static readonly DateTimeOffset Reserved = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private ReservationRecord Reservation(DefinitionRecord definition, TimeSpan ttl, string? id = null) =>
        new(id ?? Samples.NextId(), definition.Id, definition.Key, definition.Version, "order-1", """{"amount":12}""",
            ReservationStates.Reserved, Reserved, Reserved + ttl, Reserved);

    [Fact]
    public async Task AddReservationAsync_IsReadBackWhole_BySecondStore_AndListedPerProcess()
    {
        // Arrange
        var orders = await DeployAsync("orders");
        var other = await DeployAsync("other");
        var first = Reservation(orders, TimeSpan.FromMinutes(5));
        var second = Reservation(orders, TimeSpan.FromMinutes(5));

        // Act
        await Store.AddReservationAsync(first, Ct);
        await Store.AddReservationAsync(second, Ct);
        await Store.AddReservationAsync(Reservation(other, TimeSpan.FromMinutes(5)), Ct);

        // Assert
        var read = await (await OpenSecondStoreAsync()).GetReservationAsync(first.Id, Ct);
        Assert.Equal(first, read);
        var listed = await Store.QueryReservationsAsync(new ReservationQuery(new PageRequest(10), "orders"), Ct);
        Assert.Equal([second.Id, first.Id], listed.Items.Select(r => r.Id));
        Assert.Equal(2, listed.Total);
        Assert.Null(await Store.GetReservationAsync("missing", Ct));
    }

    [Fact]
    public async Task ConfirmedReservation_IsWrittenWithItsInstance_AndOnlyOnce()
    {
        // Arrange
        var definition = await DeployAsync("orders");
        var reservation = Reservation(definition, TimeSpan.FromMinutes(5));
        await Store.AddReservationAsync(reservation, Ct);
        var instance = Samples.Instance(definition);
        var confirm = StoreSamples.Changes([StoreSamples.Insert(instance)]);
        confirm.ConfirmedReservation = new ReservationConfirmation(reservation.Id, instance.Id, Reserved.AddMinutes(1));
        var secondInstance = Samples.Instance(definition);
        var again = StoreSamples.Changes([StoreSamples.Insert(secondInstance)]);
        again.ConfirmedReservation = new ReservationConfirmation(reservation.Id, secondInstance.Id, Reserved.AddMinutes(2));

        // Act
        await Store.CommitAsync(confirm, Ct);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(again, Ct));

        // Assert
        Assert.Equal(reservation.Id, conflict.Context["reservation"]);
        var read = await Store.GetReservationAsync(reservation.Id, Ct);
        Assert.Equal(ReservationStates.Confirmed, read!.State);
        Assert.Equal(instance.Id, read.InstanceId);
        Assert.NotNull(await Store.GetInstanceAsync(instance.Id, Ct));
        Assert.Null(await Store.GetInstanceAsync(secondInstance.Id, Ct));
    }

    [Fact]
    public async Task ConfirmingAtOrAfterExpiry_IsAConflict_AndWritesNoInstance()
    {
        // Arrange
        var definition = await DeployAsync("orders");
        var reservation = Reservation(definition, TimeSpan.FromMinutes(5));
        await Store.AddReservationAsync(reservation, Ct);
        var instance = Samples.Instance(definition);
        var late = StoreSamples.Changes([StoreSamples.Insert(instance)]);
        late.ConfirmedReservation = new ReservationConfirmation(reservation.Id, instance.Id, reservation.ExpiresAt);

        // Act
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(late, Ct));

        // Assert
        Assert.Null(await Store.GetInstanceAsync(instance.Id, Ct));
        Assert.Equal(ReservationStates.Reserved, (await Store.GetReservationAsync(reservation.Id, Ct))!.State);
    }

    [Fact]
    public async Task CancelAndExpire_ChangeOnlyReservedOnes_AtTheRightTime()
    {
        // Arrange
        var definition = await DeployAsync("orders");
        var shortLived = Reservation(definition, TimeSpan.FromMinutes(1));
        var longLived = Reservation(definition, TimeSpan.FromMinutes(10));
        var toCancel = Reservation(definition, TimeSpan.FromMinutes(10));
        foreach (var r in new[] { shortLived, longLived, toCancel })
        {
            await Store.AddReservationAsync(r, Ct);
        }

        // Act
        var cancelled = await Store.CancelReservationAsync(toCancel.Id, Reserved.AddSeconds(30), Ct);
        var cancelledAgain = await Store.CancelReservationAsync(toCancel.Id, Reserved.AddSeconds(31), Ct);
        var cancelExpired = await Store.CancelReservationAsync(shortLived.Id, Reserved.AddMinutes(1), Ct);
        var expired = await Store.ExpireReservationsAsync(Reserved.AddMinutes(2), 100, Ct);
        var expiredAgain = await Store.ExpireReservationsAsync(Reserved.AddMinutes(3), 100, Ct);

        // Assert
        Assert.True(cancelled);
        Assert.False(cancelledAgain);
        Assert.False(cancelExpired);
        Assert.Equal(1, expired);
        Assert.Equal(0, expiredAgain);
        Assert.Equal(ReservationStates.Expired, (await Store.GetReservationAsync(shortLived.Id, Ct))!.State);
        Assert.Equal(ReservationStates.Cancelled, (await Store.GetReservationAsync(toCancel.Id, Ct))!.State);
        Assert.Equal(ReservationStates.Reserved, (await Store.GetReservationAsync(longLived.Id, Ct))!.State);
    }

    [Fact]
    public async Task SaveTransactionAsync_ReplacesTheRecord_AndQueriesByState()
    {
        // Arrange
        var id = Samples.NextId();
        var participant = new TransactionParticipant("http://127.0.0.1:5001/reservations/a", Reserved.AddMinutes(1), TransactionParticipantStates.Pending);
        var started = new TransactionRecord(id, TransactionOperations.Confirm, TransactionStates.Active, Reserved, Reserved, [participant],
            [new TransactionStep(Reserved, "started")]);
        var settled = started with
        {
            State = TransactionStates.Heuristic,
            UpdatedAt = Reserved.AddSeconds(2),
            Participants = [participant with { State = TransactionParticipantStates.TimedOut, Attempts = 3, LatencyMs = 4, LastStatus = 500 }],
            Steps = [.. started.Steps, new TransactionStep(Reserved.AddSeconds(1), "confirm-failed", participant.Uri, "500")],
        };
        var other = new TransactionRecord(Samples.NextId(), TransactionOperations.Cancel, TransactionStates.Cancelled, Reserved, Reserved, [], []);

        // Act
        await Store.SaveTransactionAsync(started, Ct);
        await Store.SaveTransactionAsync(settled, Ct);
        await Store.SaveTransactionAsync(other, Ct);

        // Assert
        var read = await (await OpenSecondStoreAsync()).GetTransactionAsync(id, Ct);
        Assert.Equal(settled.State, read!.State);
        Assert.Equal(settled.Participants, read.Participants);
        Assert.Equal(settled.Steps, read.Steps);
        var heuristic = await Store.QueryTransactionsAsync(new TransactionQuery(new PageRequest(10), TransactionStates.Heuristic), Ct);
        Assert.Equal([id], heuristic.Items.Select(t => t.Id));
        Assert.Equal(2, (await Store.QueryTransactionsAsync(new TransactionQuery(new PageRequest(10)), Ct)).Total);
    }
}
