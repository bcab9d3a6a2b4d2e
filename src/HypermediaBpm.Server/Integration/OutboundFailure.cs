namespace HypermediaBpm.Server.Integration;

/// <summary>
/// What a failed outbound request is called in resources others read (job messages, incidents, transaction records):
/// "timed out", "connection failed" or the policy's refusal — never the operating system's message, which names
/// addresses and ports and would make the server a port scanner for whoever reads the record.
/// </summary>
public static class OutboundFailure
{
    public const string TimedOut = "timed out";
    public const string ConnectionFailed = "connection failed";

    public static string Describe(Exception exception) =>
        OutboundRefusedException.In(exception) is { } refused ? refused.Message
        : exception is OperationCanceledException or TimeoutException ? TimedOut
        : ConnectionFailed;
}
