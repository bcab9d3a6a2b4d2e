namespace HypermediaBpm.Server.Representations;

/// <summary>Link relation names: the contract. Defined once, used everywhere.</summary>
public static class Rels
{
    public const string CuriePrefix = "bpm";
    public const string CurieHref = "/rels/{rel}";

    public const string Self = "self";
    public const string Collection = "collection";
    public const string Item = "item";
    public const string Up = "up";

    /// <summary>IANA <c>related</c>: e.g. from a history entry to the try-confirm/cancel transaction it records.</summary>
    public const string Related = "related";
    public const string Alternate = "alternate";
    public const string DescribedBy = "describedby";
    public const string Edit = "edit";
    public const string First = "first";
    public const string Prev = "prev";
    public const string Next = "next";
    public const string Last = "last";
    public const string PrevArchive = "prev-archive";
    public const string NextArchive = "next-archive";
    public const string Current = "current";
    public const string ServiceDoc = "service-doc";

    /// <summary>IANA <c>service-desc</c>: from the root to the machine-readable description (OpenAPI 3.1).</summary>
    public const string ServiceDesc = "service-desc";
    public const string Search = "search";
    public const string LatestVersion = "latest-version";
    public const string PredecessorVersion = "predecessor-version";
    public const string SuccessorVersion = "successor-version";
    public const string VersionHistory = "version-history";

    public const string Processes = "bpm:processes";
    public const string Instances = "bpm:instances";
    public const string Tasks = "bpm:tasks";
    public const string Messages = "bpm:messages";
    public const string Signals = "bpm:signals";
    public const string Jobs = "bpm:jobs";
    public const string Incidents = "bpm:incidents";
    public const string Transactions = "bpm:transactions";
    public const string Reservations = "bpm:reservations";
    public const string Participants = "bpm:participants";
    public const string Process = "bpm:process";
    public const string Instance = "bpm:instance";
    public const string Diagram = "bpm:diagram";
    public const string Source = "bpm:source";
    public const string History = "bpm:history";
    public const string Variables = "bpm:variables";
    public const string Activities = "bpm:activities";
    public const string Feed = "bpm:feed";

    /// <summary>The signed-in user: name, groups, my tasks, my worklist feed, my tokens.</summary>
    public const string Me = "bpm:me";

    /// <summary>The sign-in page (root when signed out, every 401).</summary>
    public const string Login = "bpm:login";

    /// <summary>Ends a cookie session.</summary>
    public const string Logout = "bpm:logout";

    /// <summary>The signed-in user's API tokens.</summary>
    public const string Tokens = "bpm:tokens";

    /// <summary>Batch operations over the instances a filter selects (operators, administrators).</summary>
    public const string Batches = "bpm:batches";

    /// <summary>The custom relations documented at <c>/rels/{rel}</c> (without prefix).</summary>
    public static readonly IReadOnlyList<string> Custom =
    [
        "processes", "instances", "tasks", "messages", "signals", "jobs", "incidents", "transactions",
        "reservations", "participants", "process", "instance", "diagram", "source", "history", "variables",
        "activities", "feed", "batches",
    ];
}
