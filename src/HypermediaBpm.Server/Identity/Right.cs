namespace HypermediaBpm.Server.Identity;

/// <summary>The rights that come with group membership (contract §9); what each means is in <see cref="Permissions"/>.</summary>
public enum Right
{
    /// <summary>Deploy, edit, delete; participants (<c>admins</c>).</summary>
    Administer,

    /// <summary>Suspend, resume, cancel, modify, incidents, assign (<c>operators</c>, <c>admins</c>).</summary>
    Operate,

    /// <summary>The job protocol (<c>workers</c>, <c>admins</c>).</summary>
    WorkJobs,

    /// <summary>Messages, signals, the try-confirm/cancel coordinator (<c>workers</c>, <c>operators</c>, <c>admins</c>).</summary>
    SendEvents,
}
