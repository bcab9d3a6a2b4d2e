using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// Process definitions: deploy, list, read, version, delete (admins), and start instances (anyone signed in, or the
/// starters the model names). The variant suffix is letters only (<c>.json</c>), so a key with dots in it
/// (<c>test-case-c.1.0</c>) is still the key.
/// </summary>
public sealed class ProcessesController(ProcessEngine engine) : HypermediaController
{
    [HttpGet("/processes")]
    [HttpGet("/processes.{format:alpha}")]
    public async Task<Resource> ListAsync([FromQuery] string? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var result = await engine.Store.QueryLatestDefinitionsAsync(token.ToRequest(size), cancellationToken);
        var firstCreated = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in result.Items)
        {
            firstCreated[item.Key] = await FirstCreatedAtAsync(item, cancellationToken);
        }

        var r = CollectionResources.Page(ResourceKinds.ProcessCollection, Uris.Processes, [("pageSize", pageSize?.ToString())], size, token, result,
            d => ProcessResources.Summary(d, firstCreated[d.Key]), "Processes");
        r.Links.Add(new Link(Representations.Rels.Up, Uris.Root));
        Representations.Variants.AddAlternates(r, "hal", "json");
        if (Rights.MayAdminister)
        {
            r.Templates.Add(ProcessResources.DeployTemplate());
        }

        return r;
    }

    [HttpPost("/processes")]
    [RequestSizeLimit(10_000_000)]
    public async Task<IActionResult> DeployAsync(CancellationToken cancellationToken)
    {
        RememberForm("deploy", ct => ListAsync(null, null, ct));
        Rights.Demand(Rights.MayAdminister, Permissions.Admins, "deploy processes");
        var input = await DeployInput.ReadAsync(Request, engine.MaxModelBytes, cancellationToken);
        var record = await engine.DeployAsync(input.Source!, input.Name, input.Version, null, input.Executable, cancellationToken);
        var resource = await ProcessAsync(record.Key, null, cancellationToken);
        return CreatedResource(Uris.Process(record.Key), resource);
    }

    [HttpGet("/processes/{key}")]
    [HttpGet("/processes/{key}.{format:alpha}")]
    public Task<Resource> GetAsync(string key, CancellationToken cancellationToken) => ProcessAsync(key, null, cancellationToken);

    [HttpPut("/processes/{key}")]
    [RequestSizeLimit(10_000_000)]
    public async Task<IActionResult> PutAsync(string key, CancellationToken cancellationToken)
    {
        RememberForm("edit", ct => ProcessAsync(key, null, ct));
        Rights.Demand(Rights.MayAdminister, Permissions.Admins, "deploy processes");
        var current = await engine.GetLatestDefinitionAsync(key, cancellationToken);
        if (CommandContexts.IfMatch(Request) is { } matches && !matches(current.Id) && !matches(current.Id + ".live"))
        {
            throw new Engine.Errors.PreconditionFailedException(key, current.Id);
        }

        // Every field is optional (the process-definition API's update): a name alone keeps the model, a model alone the
        // name; the version is the next one unless given. A new model is executable unless it says otherwise; the same
        // model keeps what the current version is.
        var input = await DeployInput.ReadAsync(Request, engine.MaxModelBytes, cancellationToken, modelRequired: false);
        var source = input.Source ?? await engine.GetSourceAsync(current.Id, cancellationToken);
        var executable = input.Source is null && input.ExecutableGiven is null ? current.Executable : input.Executable;
        await engine.DeployAsync(source, input.Name ?? current.Name, input.Version, key, executable, cancellationToken);
        return ChangedResource(await ProcessAsync(key, null, cancellationToken));
    }

    [HttpDelete("/processes/{key}")]
    public async Task<IActionResult> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Rights.Demand(Rights.MayAdminister, Permissions.Admins, "delete processes");
        await engine.DeleteProcessAsync(key, cancellationToken);
        return NoContentOrRedirect(Uris.Processes);
    }

    [HttpGet("/processes/{key}/versions")]
    [HttpGet("/processes/{key}/versions.{format:alpha}")]
    public async Task<Resource> VersionsAsync(string key, CancellationToken cancellationToken)
    {
        var versions = await engine.Store.GetDefinitionVersionsAsync(key, cancellationToken);
        if (versions.Count == 0)
        {
            await engine.GetLatestDefinitionAsync(key, cancellationToken);
        }

        return ProcessResources.Versions(key, versions);
    }

    [HttpGet("/processes/{key}/versions/{version:int}")]
    [HttpGet("/processes/{key}/versions/{version:int}.{format:alpha}")]
    public Task<Resource> VersionAsync(string key, int version, CancellationToken cancellationToken) => ProcessAsync(key, version, cancellationToken);

    /// <summary>The diagram of the latest version, with open user tasks counted where they wait.</summary>
    [HttpGet("/processes/{key}/diagram")]
    [HttpGet("/processes/{key}/diagram.{format:alpha}")]
    public Task<Resource> DiagramAsync(string key, CancellationToken cancellationToken) => ProcessDiagramAsync(key, null, cancellationToken);

    [HttpGet("/processes/{key}/versions/{version:int}/diagram")]
    [HttpGet("/processes/{key}/versions/{version:int}/diagram.{format:alpha}")]
    public Task<Resource> VersionDiagramAsync(string key, int version, CancellationToken cancellationToken) => ProcessDiagramAsync(key, version, cancellationToken);

    /// <summary>
    /// The <c>start</c> template's target: a new instance of the latest version (or <c>?version=</c>). The process resource
    /// itself takes the same <c>POST</c> (Pautasso's <c>POST /process/name?start</c>, with or without <c>?start</c>).
    /// </summary>
    [HttpPost("/processes/{key}/instances")]
    [HttpPost("/processes/{key}")]
    public async Task<IActionResult> StartAsync(string key, [FromQuery] int? version, CancellationToken cancellationToken)
    {
        RememberForm("start", ct => ProcessAsync(key, version, ct));
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var businessKey = values.Take("businessKey");
        var definition = version is { } v ? await engine.GetDefinitionVersionAsync(key, v, cancellationToken) : await engine.GetLatestDefinitionAsync(key, cancellationToken);
        Rights.Demand(Rights.MayStart((await engine.GetDeployedAsync(definition.Id, cancellationToken)).Process), Permissions.StarterRule, "start this process");

        // The version just read and checked is the one started (a definition is cached by id, so nothing is read again).
        var outcome = await engine.StartAsync(key, definition.Id, businessKey, values.Variables, values.FromHtmlForm, context, cancellationToken);
        var resource = await InstancesController.InstanceAsync(engine, outcome, Rights, cancellationToken, startedBy: context.User);
        return CreatedResource(Uris.Instance(outcome.InstanceId), resource);
    }

    private async Task<Resource> ProcessAsync(string key, int? version, CancellationToken cancellationToken)
    {
        var latest = await engine.GetLatestDefinitionAsync(key, cancellationToken);
        var record = version is { } v ? await engine.GetDefinitionVersionAsync(key, v, cancellationToken) : latest;
        var deployed = await engine.GetDeployedAsync(record.Id, cancellationToken);
        var source = await engine.GetSourceAsync(record.Id, cancellationToken);
        var r = ProcessResources.Process(deployed, latest, source, await CanDeleteAsync(key, cancellationToken), asLatest: version is null, Rights,
            await FirstCreatedAtAsync(latest, cancellationToken));
        if (Rights.MayOperate && latest.Version > 1
            && MigrationResources.VersionTemplate(record, MigrationResources.TargetOptions(record.Version, await engine.Store.GetDefinitionVersionsAsync(key, cancellationToken))) is { } migrate)
        {
            r.Templates.Add(migrate);
        }

        r.Related[Rels.Instances] = async ct =>
        {
            var page = await engine.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ProcessKey: key, VisibleTo: Rights.Viewer), ct);
            var instances = new Resource(ResourceKinds.InstanceCollection, Uris.WithQuery(Uris.Instances, ("process", key))) { Title = "Instances" };
            foreach (var instance in page.Items)
            {
                instances.Embed(Rels.Item, InstanceResources.Summary(instance));
            }

            return instances;
        };
        return r;
    }

    private async Task<Resource> ProcessDiagramAsync(string key, int? version, CancellationToken cancellationToken)
    {
        var record = version is { } v ? await engine.GetDefinitionVersionAsync(key, v, cancellationToken) : await engine.GetLatestDefinitionAsync(key, cancellationToken);
        var deployed = await engine.GetDeployedAsync(record.Id, cancellationToken);
        return DiagramResources.Process(deployed, asLatest: version is null, await WaitingTasksAsync(key, record.Id, cancellationToken));
    }

    /// <summary>
    /// Open user tasks of one version by activity: the only "where do instances wait" the store answers without
    /// loading every instance. Bounded, so a process with a huge backlog still draws quickly (counts then stop at the bound).
    /// </summary>
    private async Task<Dictionary<string, int>> WaitingTasksAsync(string key, string definitionId, CancellationToken cancellationToken)
    {
        const int maxPages = 10;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var state in new[] { TaskStates.Open, TaskStates.Claimed })
        {
            string? after = null;
            for (var page = 0; page < maxPages; page++)
            {
                var result = await engine.Store.QueryTasksAsync(new TaskQuery(new PageRequest(PageRequest.MaxSize, After: after), state, ProcessKey: key, VisibleTo: Rights.Viewer), cancellationToken);
                foreach (var task in result.Items.Where(t => t.DefinitionId == definitionId))
                {
                    counts[task.ActivityId] = counts.GetValueOrDefault(task.ActivityId) + 1;
                }

                if (!result.HasNext)
                {
                    break;
                }

                after = result.LastKey;
            }
        }

        return counts;
    }

    /// <summary>When the process was first deployed: its <c>created_at</c> (contract §4), the same for every version.</summary>
    private async Task<DateTimeOffset> FirstCreatedAtAsync(DefinitionRecord latest, CancellationToken cancellationToken)
    {
        if (latest.Version == 1)
        {
            return latest.CreatedAt;
        }

        var versions = await engine.Store.GetDefinitionVersionsAsync(latest.Key, cancellationToken);
        return versions.Count == 0 ? latest.CreatedAt : versions.Min(v => v.CreatedAt);
    }

    private async Task<bool> CanDeleteAsync(string key, CancellationToken cancellationToken)
    {
        foreach (var state in new[] { InstanceStates.Running, InstanceStates.Suspended, InstanceStates.Failed })
        {
            var page = await engine.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(1), state, key), cancellationToken);
            if (page.Total > 0)
            {
                return false;
            }
        }

        return true;
    }
}
