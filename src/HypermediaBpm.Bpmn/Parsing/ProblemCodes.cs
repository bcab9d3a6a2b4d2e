namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>
/// The stable codes of <see cref="BpmnProblem.Code"/> that the parser and <see cref="BpmnValidator"/> report.
/// Clients may switch on them; the messages may change, the codes do not.
/// </summary>
public static class ProblemCodes
{
    /// <summary>The input is not well-formed XML (or is empty).</summary>
    public const string XmlMalformed = "XML_MALFORMED";

    /// <summary>The document has a DOCTYPE; DTDs are refused so no entity is ever expanded or fetched.</summary>
    public const string XmlDtdProhibited = "XML_DTD_PROHIBITED";

    /// <summary>The document is longer than <see cref="BpmnParserOptions.MaxCharacters"/>.</summary>
    public const string XmlTooLarge = "XML_TOO_LARGE";

    /// <summary>
    /// Text whose XML declaration names an encoding that cannot write all of its characters (a <c>€</c> in a document
    /// that says ISO-8859-1), so the text has no faithful bytes to keep.
    /// </summary>
    public const string XmlEncodingMismatch = "XML_ENCODING_MISMATCH";

    /// <summary>Elements nested deeper than any model needs (256 levels); refused before the tree is built.</summary>
    public const string XmlTooDeep = "XML_TOO_DEEP";

    /// <summary>The root element is not BPMN 2.0 <c>definitions</c>.</summary>
    public const string NotBpmn = "NOT_BPMN";

    /// <summary>Two elements share an id.</summary>
    public const string DuplicateId = "DUPLICATE_ID";

    /// <summary>A flow node or process has no id, so nothing can refer to it.</summary>
    public const string MissingId = "MISSING_ID";

    /// <summary>An element in the BPMN namespace that BPMN 2.0 does not define where it stands.</summary>
    public const string UnknownElement = "UNKNOWN_ELEMENT";

    /// <summary>An attribute value that is not of its type (e.g. a boolean that is neither true nor false).</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>Subprocesses or lanes nested deeper than the parser follows.</summary>
    public const string NestingTooDeep = "NESTING_TOO_DEEP";

    /// <summary>A reference (sourceRef, targetRef, attachedToRef, default, messageRef, ...) that points at nothing suitable.</summary>
    public const string DanglingReference = "DANGLING_REFERENCE";

    /// <summary>The document defines no process.</summary>
    public const string NoProcess = "NO_PROCESS";

    /// <summary>A process with content but no start event at its top level.</summary>
    public const string NoStartEvent = "NO_START_EVENT";

    /// <summary>A flow node that no token can reach.</summary>
    public const string UnreachableElement = "UNREACHABLE_ELEMENT";

    /// <summary>A gateway without an outgoing sequence flow.</summary>
    public const string NoOutgoingFlow = "NO_OUTGOING_FLOW";

    /// <summary>A sequence flow into or out of an event subprocess.</summary>
    public const string EventSubProcessFlow = "EVENT_SUBPROCESS_FLOW";

    /// <summary>An event subprocess whose start event has no trigger, or that has no single start event.</summary>
    public const string EventSubProcessStart = "EVENT_SUBPROCESS_START";

    /// <summary>A link throw event whose link name no catch event in the same scope has.</summary>
    public const string LinkWithoutCatch = "LINK_WITHOUT_CATCH";

    /// <summary>A boundary event attached to something that is not an activity.</summary>
    public const string BoundaryNotOnActivity = "BOUNDARY_NOT_ON_ACTIVITY";

    /// <summary>A sequence flow that connects elements of different scopes (process and subprocess).</summary>
    public const string FlowCrossesScope = "FLOW_CROSSES_SCOPE";

    /// <summary>A DI shape or edge for an element that does not exist (drawing only; a warning).</summary>
    public const string DiagramDanglingReference = "DI_DANGLING_REFERENCE";

    /// <summary>The parser itself failed on this input; the message names the fault. Always a bug to report.</summary>
    public const string InternalError = "INTERNAL_ERROR";
}
