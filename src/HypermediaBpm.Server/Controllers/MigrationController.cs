using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// The <c>migrate</c> templates (issue 19): one instance, or the instances of one process version, move to another
/// version of their process. For operators and admins, like the other changes to instances.
/// </summary>
public sealed class MigrationController(ProcessEngine engine) : HypermediaController
{
    /// <summary>How many instances one process-version migration reads at most while selecting (so a huge process stays bounded).</summary>
    private const int MaxScannedPages = 50;

    /// <summary>The instance's <c>migrate</c> template: <c>200</c> with the instance on its new version.</summary>
    [HttpPost("/instances/{id}/migration")]
    public async Task<IActionResult> MigrateInstanceAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm(MigrationResources.TemplateName, async ct =>
        {
            var page = await InstancesController.InstanceAsync(engine, id, Rights, ct);
            await AddInstanceTemplateAsync(engine, page, Rights, ct);
            return page;
        });
        if (!Rights.MayOperate)
        {
            // Someone who may not see the instance learns nothing about it: 404 before 403.
            _ = await InstancesController.VisibleInstanceAsync(engine, id, Rights, cancellationToken);
            Rights.Demand(false, Permissions.Operators, "migrate instances");
        }

        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var input = await MigrationInput.ReadAsync(Request, cancellationToken);
        var instance = await engine.GetInstanceAsync(id, cancellationToken);
        var target = await TargetAsync(instance.ProcessKey, input.TargetVersion, cancellationToken);
        var outcome = await engine.MigrateInstanceAsync(id, new MigrationPlan(target.Id, input.Mapping), context, cancellationToken);
        return ChangedResource(await InstancesController.InstanceAsync(engine, outcome, Rights, cancellationToken));
    }

    /// <summary>
    /// The process version's <c>migrate</c> template: its running and failed instances (or those <c>state</c> and
    /// <c>businessKey</c> select), at most <see cref="MigrationResources.MaxInstances"/>, each in its own command; <c>200</c>
    /// with a summary naming each instance that was refused and why (the others moved).
    /// </summary>
    [HttpPost("/processes/{key}/versions/{version:int}/migration")]
    [Requires(Right.Operate)]
    public async Task<IActionResult> MigrateVersionAsync(string key, int version, CancellationToken cancellationToken)
    {
        var user = (await CommandContexts.FromAsync(HttpContext, cancellationToken)).User;
        var input = await MigrationInput.ReadAsync(Request, cancellationToken);
        var source = await engine.GetDefinitionVersionAsync(key, version, cancellationToken);
        var target = await TargetAsync(key, input.TargetVersion, cancellationToken);
        var limit = Math.Min(input.Limit ?? MigrationResources.MaxInstances, MigrationResources.MaxInstances);
        var (selected, more) = await SelectAsync(source, input, limit, cancellationToken);
        var plan = new MigrationPlan(target.Id, input.Mapping);
        var migrated = new List<string>();
        var failed = new List<Dictionary<string, object?>>();
        foreach (var id in selected)
        {
            try
            {
                // Each instance is its own command: one that cannot move leaves the others moving.
                await engine.MigrateInstanceAsync(id, plan, new CommandContext(User: user), cancellationToken);
                migrated.Add(id);
            }
            catch (EngineException ex) when (ex is ValidationException or InvalidStateException or ConcurrencyConflictException or NotFoundException)
            {
                var failure = new Dictionary<string, object?> { ["instance"] = id, ["code"] = ex.Code, ["detail"] = ex.Message };
                if (ex is ValidationException invalid)
                {
                    failure["errors"] = invalid.Errors.Select(e => new Dictionary<string, object?> { ["element"] = e.Element, ["code"] = e.Code, ["message"] = e.Message }).ToList();
                }

                failed.Add(failure);
            }
        }

        var summary = MigrationResources.Summary(source, target, selected.Count, migrated, failed, more);
        return ChangedResource(summary, Uris.WithQuery(Uris.Instances, ("process", key)));
    }

    /// <summary>Adds the instance's <c>migrate</c> template when this user may migrate it now and there is another version.</summary>
    public static async Task AddInstanceTemplateAsync(ProcessEngine engine, Resource r, Permissions rights, CancellationToken cancellationToken)
    {
        if (!rights.MayOperate || r.Extras.GetValueOrDefault(InstanceResources.InstanceExtra) is not ProcessInstance i
            || r.Extras.GetValueOrDefault(InstanceResources.ModelExtra) is not DeployedProcess process
            || i.State is not (InstanceStates.Running or InstanceStates.Failed))
        {
            return;
        }

        var versions = await engine.Store.GetDefinitionVersionsAsync(i.ProcessKey, cancellationToken);
        if (MigrationResources.InstanceTemplate(i, process, MigrationResources.TargetOptions(i.ProcessVersion, versions)) is { } template)
        {
            r.Templates.Add(template);
        }
    }

    /// <summary>The target version; one that does not exist is the request's error (<c>422</c>), not a missing resource.</summary>
    private async Task<DefinitionRecord> TargetAsync(string key, int version, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.GetDefinitionVersionAsync(key, version, cancellationToken);
        }
        catch (NotFoundException)
        {
            var why = $"Process '{key}' has no version {version}.";
            throw new ValidationException(ProcessEngine.MigrationInvalidCode, why, [new ValidationError("TARGET_INVALID", why, "targetVersion")]);
        }
    }

    /// <summary>The ids of the source version's instances the filters select, up to <paramref name="limit"/>; true when there are more.</summary>
    private async Task<(List<string> Selected, bool More)> SelectAsync(DefinitionRecord source, MigrationInput input, int limit, CancellationToken cancellationToken)
    {
        if (input.State is not (null or InstanceStates.Running or InstanceStates.Failed))
        {
            var why = $"'state' selects {InstanceStates.Running} or {InstanceStates.Failed} instances (others cannot migrate), not '{input.State}'.";
            throw new ValidationException(ProcessEngine.MigrationInvalidCode, why, [new ValidationError("FIELD_INVALID", why, "state")]);
        }

        var selected = new List<string>();
        var pages = 0;
        foreach (var state in input.State is { } one ? [one] : new[] { InstanceStates.Running, InstanceStates.Failed })
        {
            string? after = null;
            while (true)
            {
                var page = await engine.Store.QueryInstancesAsync(
                    new InstanceQuery(new PageRequest(PageRequest.MaxSize, After: after), state, source.Key, input.BusinessKey), cancellationToken);
                foreach (var instance in page.Items.Where(s => s.DefinitionId == source.Id))
                {
                    if (selected.Count == limit)
                    {
                        return (selected, true);
                    }

                    selected.Add(instance.Id);
                }

                if (!page.HasNext)
                {
                    break;
                }

                if (++pages >= MaxScannedPages)
                {
                    return (selected, true);
                }

                after = page.LastKey;
            }
        }

        return (selected, false);
    }
}
