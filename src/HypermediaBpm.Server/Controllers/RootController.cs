using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>The one URI a client needs to know.</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class RootController(ProcessEngine engine) : HypermediaController
{
    // Read once: Assembly.GetName() parses the assembly's metadata on every call, a visible share of GET / (issue 18).
    private static readonly string? ServerVersion = typeof(RootController).Assembly.GetName().Version?.ToString(3);

    /// <summary>Signed out: only <c>bpm:login</c> (contract §9). Signed in: everything, <c>bpm:me</c> first.</summary>
    /// <remarks>
    /// No action parameter, on purpose: MVC then skips model binding (the value providers it builds to bind even a
    /// <see cref="CancellationToken"/> were a visible share of this, the most read resource; issue 18).
    /// </remarks>
    [HttpGet("/")]
    [HttpGet("/index.{format}")]
    public async Task<Resource> GetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (User.Identity?.IsAuthenticated != true)
        {
            var signedOut = new Resource(ResourceKinds.Root, Uris.Root) { Title = "HypermediaBpm" };
            signedOut.Properties["name"] = "HypermediaBpm";
            signedOut.Links.Add(new Link(Rels.Login, Uris.Login, "Sign in"));
            return signedOut;
        }

        var rights = Rights;

        // One store read for the three figures (not three pages of one with their totals): the home is the most read resource.
        var counts = await engine.Store.QueryHomeCountsAsync(rights.Viewer, cancellationToken);
        var r = new Resource(ResourceKinds.Root, Uris.Root) { Title = "HypermediaBpm" };
        r.Properties["name"] = "HypermediaBpm";
        r.Properties["version"] = ServerVersion;
        r.Properties["processes"] = counts.Processes;
        r.Properties["runningInstances"] = counts.RunningInstances;
        r.Properties["openTasks"] = counts.OpenTasks;
        r.Links.Add(new Link(Rels.Me, Uris.Me, "Signed in as " + User.Identity.Name));
        if (Identity.UserPrincipals.HasCookieSession(User))
        {
            r.Links.Add(new Link(Rels.Logout, Uris.Logout, "Sign out"));
            r.Templates.Add(IdentityResources.LogoutTemplate());
        }

        r.Links.Add(new Link(Rels.Processes, Uris.Processes, "Processes"));
        r.Links.Add(new Link(Rels.Instances, Uris.Instances + "{?state,process,businessKey,parent,page}", "Instances", Templated: true));
        r.Links.Add(new Link(Rels.Tasks, Uris.Tasks + "{?state,assignee,candidateGroup,process,page}", "Tasks", Templated: true));
        r.Links.Add(new Link(Rels.Incidents, Uris.Incidents, "Incidents"));
        r.Links.Add(new Link(Rels.Participants, Uris.Participants, "Participants"));

        // Links only to what this user may use (contract §9): the event and job protocols are for other systems and operators.
        if (rights.MaySendEvents)
        {
            r.Links.Add(new Link(Rels.Transactions, Uris.Transactions, "Transactions (try-confirm/cancel coordinator)"));
            r.Links.Add(new Link(Rels.Messages, Uris.Messages, "Messages"));
            r.Links.Add(new Link(Rels.Signals, Uris.Signals, "Signals"));
        }

        if (rights.MayWorkJobs)
        {
            r.Links.Add(new Link(Rels.Jobs, Uris.Jobs + "{?topic}", "Jobs for workers", Templated: true));
        }

        // The member feed of instances shows each reader the instances they see; the event feeds across instances are for those who see all.
        FeedResources.LinkFeed(r, Uris.InstancesFeed, "Process instances (Atom)");
        if (rights.SeesAll)
        {
            r.Links.Add(new Link(Rels.Feed, Uris.EventsFeed, "All events (Atom)", Name: "events"));
            r.Links.Add(new Link(Rels.Feed, Uris.IncidentsFeed, "Incidents (Atom)", Name: "incidents"));
        }

        r.Links.Add(new Link(Rels.Feed, Uris.WorklistFeed + "{?user,group}", "A worklist (Atom)", Templated: true, Name: "worklist"));
        r.Links.Add(new Link(Rels.DescribedBy, "/rels", "Link relations"));

        // For code generators and gateways; signed-in only like everything but the root's login link (contract §9).
        r.Links.Add(new Link(Rels.ServiceDesc, OpenApi.OpenApiSetup.Path, "OpenAPI description", Type: MediaTypes.Json));
        Variants.AddAlternates(r, "hal", "json");
        if (rights.MayAdminister)
        {
            r.Templates.Add(ProcessResources.DeployTemplate());
        }

        // The page's inbox and, for operators, the counts per process: loaded only for the HTML home page.
        r.Related[WorkResources.InboxRelated] = ct => WorkResources.InboxAsync(engine, rights, ct);
        if (rights.MayOperate)
        {
            r.Links.Add(new Link(Rels.Related, Uris.Operations, "Operations"));
            r.Links.Add(new Link(Rels.Batches, Uris.Batches, "Batch operations"));
            r.Related[OperationsResources.OverviewRelated] = ct => OperationsResources.OverviewAsync(engine, ct);
        }

        return r;
    }
}
