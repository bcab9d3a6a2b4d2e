using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Paging;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Controllers;

/// <summary>
/// User tasks: list with filters, read, claim, unclaim, assign, complete. Lists hold only the tasks the user may
/// see, a task they may not see is <c>404</c>, and working on a task is for its assignee or candidates (<see cref="Permissions"/>).
/// </summary>
public sealed class TasksController(ProcessEngine engine) : HypermediaController
{
    [HttpGet("/tasks")]
    [HttpGet("/tasks.{format}")]
    public async Task<Resource> ListAsync(
        [FromQuery] string? state, [FromQuery] string? assignee, [FromQuery] string? candidateGroup, [FromQuery] string? process,
        [FromQuery] string? instance, [FromQuery] string? page, [FromQuery] int? pageSize, [FromQuery] string? sort, [FromQuery] string? order,
        [FromQuery] string? dueBefore, CancellationToken cancellationToken)
    {
        if (state is not null && !TaskStates.All.Contains(state))
        {
            throw new BadRequestException("INVALID_FILTER", $"'{state}' is not a task state; use one of {string.Join(", ", TaskStates.All)}.",
                new Dictionary<string, object?> { ["state"] = state });
        }

        var size = PageSize(pageSize);
        var token = PageOf(page, size);
        var sorted = ListSorting.Parse(sort, order, ListSort.TaskFields, token);
        var due = ListSorting.Time("dueBefore", dueBefore);
        var query = new TaskQuery(token.ToRequest(size), state, assignee, candidateGroup, process, instance, Rights.Viewer) { Sort = sorted, DueBefore = due };
        var result = await engine.Store.QueryTasksAsync(query, cancellationToken);
        (string Name, string? Value)[] filters =
        [
            ("state", state), ("assignee", assignee), ("candidateGroup", candidateGroup), ("process", process), ("instance", instance),
            ("dueBefore", dueBefore), ("pageSize", pageSize?.ToString()), .. ListSorting.Parameters(sorted),
        ];
        var r = CollectionResources.Page(ResourceKinds.TaskCollection, Uris.Tasks, filters, size, token, result, TaskResources.Summary, "Tasks");
        r.Links.Add(new Link(Rels.Up, instance is null ? Uris.Root : Uris.Instance(instance)));
        r.Links.Add(new Link(Rels.Search, Uris.Tasks + "{?state,assignee,candidateGroup,process,dueBefore,sort,order,page}", "Filter tasks", Templated: true));
        r.Templates.Add(ListSorting.SearchTemplate(Uris.Tasks, "Filter tasks",
        [
            new TemplateProperty("state", "State", "select", Value: state, Options: TaskStates.All.Select(s => new TemplateOption(s, s)).ToList()),
            new TemplateProperty("assignee", "Assignee", Value: assignee),
            new TemplateProperty("candidateGroup", "Candidate group", Value: candidateGroup),
            new TemplateProperty("process", "Process", Value: process),
            new TemplateProperty("dueBefore", "Due before (RFC 3339)", Value: dueBefore),
        ], ListSort.TaskFields, sorted));
        Variants.AddAlternates(r, "hal", "json");
        if (assignee is not null || candidateGroup is not null)
        {
            var worklist = assignee is not null ? ("user", assignee) : ("group", candidateGroup);
            FeedResources.LinkFeed(r, Uris.WithQuery(Uris.WorklistFeed, worklist), "Worklist feed (Atom)");
        }

        return r;
    }

    [HttpGet("/tasks/{id}")]
    [HttpGet("/tasks/{id}.{format}")]
    public async Task<Resource> GetAsync(string id, CancellationToken cancellationToken)
    {
        var r = await TaskAsync(id, cancellationToken);

        // What the page shows beside the task (business data, process documentation, history): only pages load it.
        r.Related[WorkResources.WorkRelated] = async ct => await WorkResources.WorkAsync(engine, await VisibleTaskAsync(id, ct), ct);
        return r;
    }

    [HttpPost("/tasks/{id}/claim")]
    public async Task<IActionResult> ClaimAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("claim", ct => TaskAsync(id, ct));
        var task = await VisibleTaskAsync(id, cancellationToken);
        Rights.Demand(task.State != TaskStates.Open || Rights.MayClaim(task), Permissions.TaskRule, "claim this task");
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        await engine.ClaimTaskAsync(id, Rights.Name ?? string.Empty, context, cancellationToken);
        return ChangedResource(await TaskAsync(id, cancellationToken));
    }

    /// <summary>The <c>assign</c> template (operators, admins): gives the task to <c>assignee</c>, claimed or not.</summary>
    [HttpPost("/tasks/{id}/assign")]
    public async Task<IActionResult> AssignAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("assign", ct => TaskAsync(id, ct));
        _ = await VisibleTaskAsync(id, cancellationToken);
        Rights.Demand(Rights.MayAssign, Permissions.Operators, "assign tasks");
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        await engine.AssignTaskAsync(id, values.Take("assignee") ?? string.Empty, context, cancellationToken);
        return ChangedResource(await TaskAsync(id, cancellationToken));
    }

    [HttpPost("/tasks/{id}/unclaim")]
    public async Task<IActionResult> UnclaimAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("unclaim", ct => TaskAsync(id, ct));
        var task = await VisibleTaskAsync(id, cancellationToken);
        Rights.Demand(task.State != TaskStates.Claimed || Rights.MayUnclaim(task), "assignee," + Permissions.Operators, "give this task back");
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        await engine.UnclaimTaskAsync(id, context, cancellationToken);
        return ChangedResource(await TaskAsync(id, cancellationToken));
    }

    /// <summary>The <c>complete</c> template: answers with the task, linking the instance and embedding its next tasks.</summary>
    [HttpPost("/tasks/{id}/complete")]
    public async Task<IActionResult> CompleteAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("complete", ct => TaskAsync(id, ct));
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var values = await RequestValues.ReadAsync(Request, cancellationToken);

        // Visibility and rights are checked by the command on the task it reads (404, then 403), so the task is read
        // once per attempt, not once here and once there.
        var outcome = await engine.CompleteTaskAsync(id, values.Variables, values.FromHtmlForm, context, DemandMayComplete, cancellationToken);
        return await AnswerCompletedAsync(id, outcome, cancellationToken);
    }

    /// <summary>404 for a task this user may not see (as if it did not exist), 403 for an open one they may not work on.</summary>
    private void DemandMayComplete(TaskRecord task)
    {
        if (!Rights.MaySee(task))
        {
            throw TaskNotFound(task.Id);
        }

        Rights.Demand(!TaskStates.IsActive(task.State) || Rights.MayWorkOn(task), Permissions.TaskRule, "complete this task");
    }

    /// <summary>
    /// The <c>update</c> template: <c>PUT</c> on the task itself saves the form values sent as the task's draft
    /// (ruote's workitem <c>PUT</c>, Pautasso's <c>PUT /P/1/T</c>); with <c>complete: true</c> (ruote's <c>_proceed</c>)
    /// it completes the task with the saved draft overlaid by the values sent. Same rights as <c>complete</c>.
    /// </summary>
    [HttpPut("/tasks/{id}")]
    public async Task<IActionResult> UpdateAsync(string id, CancellationToken cancellationToken)
    {
        RememberForm("update", ct => TaskAsync(id, ct));
        var current = await VisibleTaskAsync(id, cancellationToken);
        Rights.Demand(!TaskStates.IsActive(current.State) || Rights.MayWorkOn(current), Permissions.TaskRule, "work on this task");
        var context = await CommandContexts.FromAsync(HttpContext, cancellationToken);
        var values = await RequestValues.ReadAsync(Request, cancellationToken);
        var complete = TaskDrafts.TakeComplete(values);
        if (complete)
        {
            var merged = new Dictionary<string, object?>(ProcessEngine.DraftOf(current), StringComparer.Ordinal);
            foreach (var (name, value) in values.Variables)
            {
                merged[name] = value;
            }

            return await AnswerCompletedAsync(id, await engine.CompleteTaskAsync(id, merged, values.FromHtmlForm, context, cancellationToken), cancellationToken);
        }

        await engine.SaveTaskDraftAsync(id, values.Variables, values.FromHtmlForm, context, cancellationToken);
        return ChangedResource(await TaskAsync(id, cancellationToken));
    }

    private async Task<IActionResult> AnswerCompletedAsync(string id, Engine.Commands.CommandOutcome outcome, CancellationToken cancellationToken)
    {
        Resource resource;
        IEnumerable<TaskRecord> open;
        if (outcome.Instance is { } instance && outcome.Tasks.FirstOrDefault(t => t.Id == id) is { } done && InstancesController.KnowsOpenTasks(outcome))
        {
            // Answer from what the command committed: no second read of the task, the instance or its tasks.
            var process = await engine.GetDeployedAsync(instance.DefinitionId, cancellationToken);
            resource = TaskResources.Task(done, process.Process.ElementsById.GetValueOrDefault(done.ActivityId) as UserTask, instance, Rights);
            open = outcome.Tasks.Where(t => t.Id != id && TaskStates.IsActive(t.State) && Rights.MaySee(t));
        }
        else
        {
            resource = await TaskAsync(id, cancellationToken);
            open = (await InstancesController.OpenTasksAsync(engine, outcome.InstanceId, cancellationToken)).Where(Rights.MaySee);
        }

        foreach (var task in open)
        {
            resource.Links.Add(new Link(Rels.Next, Uris.Task(task.Id), task.Name));
            resource.Embed(Rels.Tasks, TaskResources.Summary(task));
        }

        return ChangedResource(resource, Uris.Instance(outcome.InstanceId));
    }

    private async Task<Resource> TaskAsync(string id, CancellationToken cancellationToken)
    {
        // The task and its instance in one store read (the task resource shows both).
        var read = await engine.Store.GetTaskWithInstanceAsync(id, cancellationToken);
        var task = read is not null && Rights.MaySee(read.Task) ? read.Task : throw TaskNotFound(id);
        var instance = read.Instance is { } stored
            ? InstanceStateSerializer.Deserialize(stored)
            : await engine.GetInstanceAsync(task.InstanceId, cancellationToken);
        var process = await engine.GetDeployedAsync(task.DefinitionId, cancellationToken);
        var node = process.Process.ElementsById.GetValueOrDefault(task.ActivityId) as UserTask;
        return TaskResources.Task(task, node, instance, Rights);
    }

    /// <summary>The task, or <c>404</c> when this user may not see it (as if it did not exist).</summary>
    private async Task<TaskRecord> VisibleTaskAsync(string id, CancellationToken cancellationToken)
    {
        var task = await engine.GetTaskAsync(id, cancellationToken);
        return Rights.MaySee(task) ? task : throw TaskNotFound(id);
    }

    public static Engine.Errors.NotFoundException TaskNotFound(string id) =>
        new("TASK_NOT_FOUND", $"Task '{id}' does not exist.", new Dictionary<string, object?> { ["task"] = id });
}
