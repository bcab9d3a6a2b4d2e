using System.Collections.Concurrent;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>
/// One of the two services of the phone booking sample (a phone number pool, a billing system): a small Kestrel app on
/// loopback that is a try-confirm/cancel participant. <c>POST /reservations</c> reserves the next item and answers
/// <c>201</c> with <c>{"participantLink": {"uri", "expires"}, "item"}</c>; the link's <c>PUT</c> (with
/// <c>application/tcc</c>) confirms, <c>DELETE</c> cancels, both <c>404</c> once the reservation expired or was
/// cancelled. It can be told to keep its reservations only briefly, to fail its first confirms, or to answer
/// confirms slowly.
/// </summary>
internal sealed class BookingService : IAsyncDisposable
{
    private readonly string _prefix;
    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<int, Reservation> _reservations = new();
    private int _next;
    private int _confirmRequests;

    private BookingService(string prefix) => _prefix = prefix;

    /// <summary>How long a reservation holds before the service gives it up.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Confirms answered <c>503</c> before one goes through.</summary>
    public int FailingConfirms { get; set; }

    /// <summary>How long a confirm takes to be answered.</summary>
    public TimeSpan ConfirmDelay { get; set; }

    public string BaseUri { get; private set; } = string.Empty;

    public int ConfirmRequests => _confirmRequests;

    /// <summary>Every reservation's state, oldest first: <c>reserved</c>, <c>confirmed</c>, <c>cancelled</c>, <c>expired</c>.</summary>
    public IReadOnlyList<string> States =>
        _reservations.OrderBy(r => r.Key).Select(r => r.Value.StateAt(DateTimeOffset.UtcNow)).ToList();

    public static async Task<BookingService> StartAsync(string prefix)
    {
        var service = new BookingService(prefix);
        (service._app, service.BaseUri) = await LoopbackApp.StartAsync(app =>
        {
            app.MapPost("/reservations", service.Reserve);
            app.MapMethods("/reservations/{id:int}", ["OPTIONS"], () => Results.NoContent());
            app.MapPut("/reservations/{id:int}", service.ConfirmAsync);
            app.MapDelete("/reservations/{id:int}", service.Cancel);
        });
        return service;
    }

    /// <summary>Waits until the service's reservations are in these states (the coordinator works after the step that asked for it).</summary>
    public Task WaitForAsync(params string[] states) =>
        Eventually.FindAsync(() => Task.FromResult(States.SequenceEqual(states) ? states : null),
            () => $"The {_prefix} service's reservations are {string.Join(", ", States)}, not {string.Join(", ", states)}.");

    private IResult Reserve()
    {
        var id = Interlocked.Increment(ref _next);
        var reservation = new Reservation(DateTimeOffset.UtcNow + Ttl);
        _reservations[id] = reservation;
        var uri = $"{BaseUri}/reservations/{id}";
        return Results.Json(
            new { participantLink = new { uri, expires = reservation.Expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") }, item = $"{_prefix}-{id}" },
            statusCode: StatusCodes.Status201Created);
    }

    private async Task<IResult> ConfirmAsync(int id, HttpRequest request)
    {
        var attempt = Interlocked.Increment(ref _confirmRequests);
        if (request.ContentType != "application/tcc")
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (ConfirmDelay > TimeSpan.Zero)
        {
            await Task.Delay(ConfirmDelay);
        }

        if (!_reservations.TryGetValue(id, out var reservation))
        {
            return Results.NotFound();
        }

        lock (reservation)
        {
            var state = reservation.StateAt(DateTimeOffset.UtcNow);
            if (state is "cancelled" or "expired")
            {
                return Results.NotFound();
            }

            if (attempt <= FailingConfirms)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            reservation.State = "confirmed";
            return Results.NoContent();
        }
    }

    private IResult Cancel(int id)
    {
        if (!_reservations.TryGetValue(id, out var reservation))
        {
            return Results.NotFound();
        }

        lock (reservation)
        {
            if (reservation.StateAt(DateTimeOffset.UtcNow) != "reserved")
            {
                return Results.NotFound();
            }

            reservation.State = "cancelled";
            return Results.NoContent();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Reservation(DateTimeOffset expires)
    {
        public DateTimeOffset Expires { get; } = expires;

        public string State { get; set; } = "reserved";

        public string StateAt(DateTimeOffset now) => State == "reserved" && now >= Expires ? "expired" : State;
    }
}
