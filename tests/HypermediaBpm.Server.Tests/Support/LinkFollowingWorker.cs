using System.Net;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>
/// An external worker that knows only "/": it follows <c>bpm:jobs</c> with its topic, submits the collection's
/// <c>lock</c> template and then each locked job's <c>complete</c> template, until a lock comes back empty. It never
/// builds a URI.
/// </summary>
public sealed class LinkFollowingWorker(HalClient hal, string workerId, string topic)
{
    public string WorkerId { get; } = workerId;

    /// <summary>Jobs this worker completed (answered <c>200</c>).</summary>
    public int Completed { get; private set; }

    /// <summary>Completions refused with <c>409</c> (the lock was lost to another worker).</summary>
    public int Refused { get; private set; }

    public async Task RunAsync(int maxJobs)
    {
        var root = await hal.GetAsync("/");
        var jobs = await hal.FollowAsync(root, "bpm:jobs", new Dictionary<string, string> { ["topic"] = topic });
        while (true)
        {
            using var response = await hal.SubmitAsync(jobs, "lock", new { workerId = WorkerId, maxJobs, lockDuration = "PT1M" });
            var batch = await HalClient.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"lock → {(int)response.StatusCode}: {batch}");
            var locked = batch.Embedded("item").ToList();
            if (locked.Count == 0)
            {
                return;
            }

            foreach (var job in locked)
            {
                using var done = await hal.SubmitAsync(job, "complete", new { workerId = WorkerId, variables = new { handledBy = WorkerId } });
                if (done.StatusCode == HttpStatusCode.OK)
                {
                    Completed++;
                }
                else
                {
                    Assert.True(done.StatusCode == HttpStatusCode.Conflict, $"complete → {(int)done.StatusCode}: {await done.Content.ReadAsStringAsync()}");
                    Refused++;
                }
            }
        }
    }
}
