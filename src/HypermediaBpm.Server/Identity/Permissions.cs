using System.Security.Claims;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Problems;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// What the signed-in user may do and see (contract §9), asked by the controllers before they act and by the
/// resource builders before they offer a template or a link, so that the two can never disagree. It reads only
/// the user's claims: the name and one role claim per group (<see cref="UserPrincipals"/>).
/// </summary>
public sealed class Permissions
{
    /// <summary>The <c>context.required</c> of a task refused to someone who is neither its assignee nor a candidate.</summary>
    public const string TaskRule = "assignee,candidateUsers,candidateGroups";

    /// <summary>The <c>context.required</c> of a start refused to someone the model does not name as a starter.</summary>
    public const string StarterRule = "candidateStarterUsers,candidateStarterGroups";

    private readonly HashSet<string> _groups;

    private Permissions(string? name, IEnumerable<string> groups)
    {
        Name = name;
        _groups = new HashSet<string>(groups, StringComparer.Ordinal);
    }

    public static Permissions Of(ClaimsPrincipal user) =>
        new(user.Identity is { IsAuthenticated: true, Name: { } name } ? name : null, UserPrincipals.GroupsOf(user));

    /// <summary>The request's user's permissions, worked out once per request.</summary>
    public static Permissions Of(HttpContext http)
    {
        if (http.Items[typeof(Permissions)] is not Permissions permissions)
        {
            permissions = Of(http.User);
            http.Items[typeof(Permissions)] = permissions;
        }

        return permissions;
    }

    public string? Name { get; }

    public IReadOnlyCollection<string> Groups => _groups;

    public bool IsAdmin => _groups.Contains(BuiltInGroups.Admins);

    /// <summary>Deploy, edit and delete processes; add, remove and administer users and groups.</summary>
    public bool MayAdminister => IsAdmin;

    /// <summary>Suspend, resume, cancel and modify instances, retry and resolve incidents, assign tasks; see every instance and task.</summary>
    public bool MayOperate => IsAdmin || _groups.Contains(BuiltInGroups.Operators);

    /// <summary>The job protocol: lock, complete, fail, bpmnError, extendLock.</summary>
    public bool MayWorkJobs => IsAdmin || _groups.Contains(BuiltInGroups.Workers);

    /// <summary>
    /// Send messages and broadcast signals, and drive the try-confirm/cancel coordinator: what other systems do
    /// (a payment provider's webhook signs in as a <c>workers</c> service user with a token) and what operators do by hand.
    /// </summary>
    public bool MaySendEvents => MayOperate || _groups.Contains(BuiltInGroups.Workers);

    /// <summary>Sees every instance and task (otherwise only those of <see cref="Viewer"/>).</summary>
    public bool SeesAll => MayOperate;

    /// <summary>Null for those who see everything; otherwise who the store filters lists, counts and feeds for.</summary>
    public Viewer? Viewer => SeesAll ? null : new Viewer(Name ?? string.Empty, [.. _groups]);

    /// <summary>Anyone signed in, unless the model names starters; then only them (and admins).</summary>
    public bool MayStart(BpmnProcess process) =>
        IsAdmin || (Name is not null && (!process.NamesStarters
            || process.CandidateStarterUsers.Contains(Name, StringComparer.Ordinal)
            || process.CandidateStarterGroups.Any(_groups.Contains)));

    /// <summary>The task's assignee, one of its candidate users or a member of one of its candidate groups.</summary>
    public bool IsCandidateOrAssignee(TaskRecord task) =>
        Name is not null && (string.Equals(task.Assignee, Name, StringComparison.Ordinal)
            || task.CandidateUsers.Contains(Name, StringComparer.Ordinal)
            || task.CandidateGroups.Any(_groups.Contains));

    public bool MaySee(TaskRecord task) => SeesAll || IsCandidateOrAssignee(task);

    /// <summary>Take an open task for oneself.</summary>
    public bool MayClaim(TaskRecord task) => task.State == TaskStates.Open && (IsAdmin || IsCandidateOrAssignee(task));

    /// <summary>Complete or save a task: its assignee, or anyone who may claim it while it is open (completing claims it on the way).</summary>
    public bool MayWorkOn(TaskRecord task) =>
        IsAdmin || (task.State == TaskStates.Open ? IsCandidateOrAssignee(task) : string.Equals(task.Assignee, Name, StringComparison.Ordinal));

    /// <summary>Give a claimed task back: its assignee, or an operator (who may give it to anyone anyway).</summary>
    public bool MayUnclaim(TaskRecord task) => MayOperate || string.Equals(task.Assignee, Name, StringComparison.Ordinal);

    public bool MayAssign => MayOperate;

    /// <summary>A worklist (feed): one's own (<c>user</c>) or one's groups' (<c>group</c>); anyone's for those who see all.</summary>
    public bool MayReadWorklist(string kind, string id) =>
        SeesAll || (kind == ParticipantKinds.User ? id == Name : kind == ParticipantKinds.Group && _groups.Contains(id));

    public bool Has(Right right) => right switch
    {
        Right.Administer => MayAdminister,
        Right.Operate => MayOperate,
        Right.WorkJobs => MayWorkJobs,
        Right.SendEvents => MaySendEvents,
        _ => false,
    };

    /// <summary>The groups that have <paramref name="right"/>, as <c>context.required</c> names them.</summary>
    public static string Required(Right right) => right switch
    {
        Right.Administer => Admins,
        Right.Operate => Operators,
        Right.WorkJobs => Workers,
        _ => EventSenders,
    };

    /// <summary>Throws <c>403 FORBIDDEN</c> naming <paramref name="required"/> (groups or a rule) unless <paramref name="allowed"/>.</summary>
    public void Demand(bool allowed, string required, string what)
    {
        if (!allowed)
        {
            throw Forbidden(required, what);
        }
    }

    public HttpProblemException Forbidden(string required, string what) =>
        new(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, $"'{Name}' may not {what}: it needs {Describe(required)}.",
            new Dictionary<string, object?> { ["required"] = required });

    public const string Admins = BuiltInGroups.Admins;

    public const string Operators = BuiltInGroups.Admins + "," + BuiltInGroups.Operators;

    public const string Workers = BuiltInGroups.Admins + "," + BuiltInGroups.Workers;

    public const string EventSenders = BuiltInGroups.Admins + "," + BuiltInGroups.Operators + "," + BuiltInGroups.Workers;

    private static string Describe(string required) => required switch
    {
        TaskRule => "to be the task's assignee or one of its candidates",
        StarterRule => "to be one of the starters the model names",
        _ => "membership of " + string.Join(" or ", required.Split(',')),
    };
}
