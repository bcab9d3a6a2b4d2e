using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HypermediaBpm.Server.Tests.Tcc;

/// <summary>
/// A try-confirm/cancel participant that is not this server: a tiny Kestrel app on loopback that answers
/// <c>OPTIONS</c>, <c>PUT</c> (confirm) and <c>DELETE</c> (cancel) on one URI as the protocol says, and can be told to
/// fail its first confirms, to confirm slowly, or to expire.
/// </summary>
internal sealed class TestParticipant : IAsyncDisposable
{
    private int _confirms;
    private int _cancels;
    private int _options;

    private WebApplication _app = null!;

    /// <summary>Confirms answered <c>500</c> before one succeeds.</summary>
    public int FailingConfirms { get; init; }

    /// <summary>How long a confirm takes before it is answered (it confirms, however late).</summary>
    public TimeSpan ConfirmDelay { get; init; }

    /// <summary>When the participant itself gives up on its reservation.</summary>
    public DateTimeOffset Expires { get; init; } = DateTimeOffset.UtcNow.AddMinutes(5);

    public string State { get; private set; } = "reserved";

    public int Confirms => _confirms;

    public int Cancels => _cancels;

    public int OptionsRequests => _options;

    public string Uri { get; private set; } = string.Empty;

    public static async Task<TestParticipant> StartAsync(int failingConfirms = 0, TimeSpan confirmDelay = default, DateTimeOffset? expires = null)
    {
        var participant = new TestParticipant { FailingConfirms = failingConfirms, ConfirmDelay = confirmDelay, Expires = expires ?? DateTimeOffset.UtcNow.AddMinutes(5) };
        (participant._app, var baseUri) = await LoopbackApp.StartAsync(app =>
        {
            app.MapMethods("/try/1", ["OPTIONS"], () =>
            {
                Interlocked.Increment(ref participant._options);
                return Results.NoContent();
            });
            app.MapPut("/try/1", participant.ConfirmAsync);
            app.MapDelete("/try/1", participant.Cancel);
        });
        participant.Uri = baseUri + "/try/1";
        return participant;
    }

    private async Task<IResult> ConfirmAsync(HttpRequest request)
    {
        var attempt = Interlocked.Increment(ref _confirms);
        if (request.ContentType != "application/tcc")
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (ConfirmDelay > TimeSpan.Zero)
        {
            await Task.Delay(ConfirmDelay);
        }

        if (State == "cancelled" || (State == "reserved" && DateTimeOffset.UtcNow >= Expires))
        {
            return Results.NotFound();
        }

        if (attempt <= FailingConfirms)
        {
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        State = "confirmed";
        return Results.NoContent();
    }

    private IResult Cancel()
    {
        Interlocked.Increment(ref _cancels);
        if (State != "reserved" || DateTimeOffset.UtcNow >= Expires)
        {
            return Results.NotFound();
        }

        State = "cancelled";
        return Results.NoContent();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
