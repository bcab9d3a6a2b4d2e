using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Paging;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// Jobs as resources (<c>bpm:jobs</c>): the collection of a topic with its <c>lock</c> template, and each job with the
/// reports its worker may send while it holds it (<c>complete</c>, <c>fail</c>, <c>bpmnError</c>, <c>extendLock</c>).
/// </summary>
public static class JobResources
{
    /// <summary>The lock duration a lock form proposes (a worker sends what it needs).</summary>
    public const string DefaultLockDuration = "PT5M";

    public static Resource Collection(
        Page<JobRecord> page, string? topic, int? requestedPageSize, int pageSize, PageToken token, Func<JobRecord, int> versionOf, DateTimeOffset now)
    {
        var title = topic is null ? "Jobs" : $"Jobs of '{topic}'";
        var filters = new (string, string?)[] { ("topic", topic), ("pageSize", requestedPageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        var r = CollectionResources.Page(ResourceKinds.JobCollection, Uris.Jobs, filters, pageSize, token, page,
            job => Job(job, versionOf(job), now), title);
        r.Properties["topic"] = topic;
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        Variants.AddAlternates(r, "hal", "json");
        if (!Identity.ServerTopics.Contains(topic))
        {
            r.Templates.Add(LockTemplate(topic));
        }
        return r;
    }

    /// <summary>
    /// A job; while a worker holds it, the reports that worker may send (each asks for the <c>workerId</c>, filled in with
    /// the holder's, since only the holder's report is taken).
    /// </summary>
    public static Resource Job(JobRecord job, int processVersion, DateTimeOffset now)
    {
        var state = job.StateAt(now);
        var r = new Resource(ResourceKinds.Job, Uris.Job(job.Id)) { Title = $"Job '{job.Topic}' at '{job.ActivityId}'" };
        r.Properties["id"] = job.Id;
        r.Properties["topic"] = job.Topic;
        r.Properties["state"] = state;
        r.Properties["retries"] = job.Retries;
        r.Properties["lockOwner"] = job.LockOwner;
        r.Properties["lockExpiresAt"] = job.LockExpiresAt;
        r.Properties["availableAt"] = job.AvailableAt;
        r.Properties["errorMessage"] = job.ErrorMessage;
        r.Properties["createdAt"] = job.CreatedAt;
        r.Properties["activityId"] = job.ActivityId;
        r.Properties["instanceId"] = job.InstanceId;
        r.Properties["processKey"] = job.ProcessKey;
        r.Links.Add(new Link(Rels.Collection, Uris.JobsOf(job.Topic), $"Jobs of '{job.Topic}'"));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(job.InstanceId)));
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(job.ProcessKey, processVersion)));
        r.Links.Add(new Link(Rels.Activities, Uris.InstanceActivities(job.InstanceId), $"Activity '{job.ActivityId}'"));
        Variants.AddAlternates(r, "hal", "json");
        if (state == JobStates.Locked && !Identity.ServerTopics.Contains(job.Topic))
        {
            AddWorkerTemplates(r, job);
        }

        return r;
    }

    /// <summary>The answer to <c>lock</c>: the jobs locked for the worker, embedded with their variables.</summary>
    public static Resource Locked(string topic, string workerId, IReadOnlyList<(Resource Job, IReadOnlyDictionary<string, object?> Variables)> jobs)
    {
        var r = new Resource(ResourceKinds.LockedJobs, Uris.JobsOf(topic)) { Title = $"Jobs of '{topic}' locked for '{workerId}'" };
        r.Properties["topic"] = topic;
        r.Properties["workerId"] = workerId;
        r.Properties["count"] = jobs.Count;
        foreach (var (job, variables) in jobs)
        {
            job.Properties["variables"] = variables;
            r.Links.Add(new Link(Rels.Item, job.SelfHref, job.Title));
            r.Embed(Rels.Item, job);
        }

        r.Links.Add(new Link(Rels.Collection, Uris.JobsOf(topic), $"Jobs of '{topic}'"));
        return r;
    }

    private static Template LockTemplate(string? topic)
    {
        var template = new Template
        {
            Name = "lock", Method = "POST", Target = Uris.JobsOf(topic),
            Title = topic is null ? "Lock jobs of a topic" : $"Lock jobs of '{topic}'",
        };
        if (topic is null)
        {
            template.Properties.Add(new TemplateProperty("topic", "Topic", Required: true));
        }

        template.Properties.Add(new TemplateProperty("workerId", "Worker id", Required: true));
        template.Properties.Add(new TemplateProperty("maxJobs", "How many jobs at most", "number", Value: "1"));
        template.Properties.Add(new TemplateProperty("lockDuration", "Lock for (ISO 8601 duration or milliseconds)", Value: DefaultLockDuration));
        template.Properties.Add(new TemplateProperty("asyncResponseTimeout", "Wait for jobs up to (ISO 8601 duration or milliseconds)"));
        return template;
    }

    private static void AddWorkerTemplates(Resource r, JobRecord job)
    {
        TemplateProperty Worker() => new("workerId", "Worker id", Required: true, Value: job.LockOwner);

        var complete = new Template { Name = "complete", Method = "POST", Target = Uris.JobAction(job.Id, "complete"), Title = "Complete the job" };
        complete.Properties.Add(Worker());
        complete.Properties.Add(new TemplateProperty("variables", "Variables (a JSON object)", "textarea"));
        r.Templates.Add(complete);

        var fail = new Template { Name = "fail", Method = "POST", Target = Uris.JobAction(job.Id, "fail"), Title = "Report a failure" };
        fail.Properties.Add(Worker());
        fail.Properties.Add(new TemplateProperty("errorMessage", "What went wrong", "textarea"));
        fail.Properties.Add(new TemplateProperty("retries", "Retries left (0: open an incident)", "number", Value: Math.Max(0, job.Retries - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fail.Properties.Add(new TemplateProperty("retryTimeout", "Retry after (ISO 8601 duration or milliseconds)"));
        r.Templates.Add(fail);

        var error = new Template { Name = "bpmnError", Method = "POST", Target = Uris.JobAction(job.Id, "bpmnError"), Title = "Throw a BPMN error" };
        error.Properties.Add(Worker());
        error.Properties.Add(new TemplateProperty("errorCode", "Error code", Required: true));
        error.Properties.Add(new TemplateProperty("errorMessage", "Error message"));
        error.Properties.Add(new TemplateProperty("variables", "Variables (a JSON object)", "textarea"));
        r.Templates.Add(error);

        var extend = new Template { Name = "extendLock", Method = "POST", Target = Uris.JobAction(job.Id, "extendLock"), Title = "Hold the job longer" };
        extend.Properties.Add(Worker());
        extend.Properties.Add(new TemplateProperty("lockDuration", "New lock duration from now (ISO 8601 duration or milliseconds)", Required: true, Value: DefaultLockDuration));
        r.Templates.Add(extend);
    }
}
