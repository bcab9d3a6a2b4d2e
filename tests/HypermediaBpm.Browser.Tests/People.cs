using HypermediaBpm.Server.Tests.Support;

namespace HypermediaBpm.Browser.Tests;

/// <summary>The people of the browser tests, made as an administrator makes them (the participants' <c>add</c> template): ann (managers), bob (operators).</summary>
internal static class People
{
    /// <summary>Adds ann and bob with <see cref="ProductJourneyTests.Password"/>; returns the administrator's HAL client on the real server.</summary>
    public static async Task<HalClient> ArrangeAsync(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = ServerFactory.Basic(ServerFactory.AdminUser, ServerFactory.AdminPassword);
        var hal = new HalClient(http);
        var participants = await hal.FollowAsync(await hal.GetAsync("/"), "bpm:participants");
        foreach (var (id, group) in new[] { ("ann", "managers"), ("bob", "operators") })
        {
            using var added = await hal.SubmitAsync(participants, "add", new { kind = "user", id, password = ProductJourneyTests.Password, groups = group });
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }

        return hal;
    }
}
