using System.Text.Json;
using System.Xml.Linq;
using HypermediaBpm.Bpmn.Model;
using static HypermediaBpm.Bpmn.Parsing.BpmnXml;

namespace HypermediaBpm.Bpmn.Parsing;

public static partial class BpmnParser
{
    /// <summary>How deep nested <c>camunda:list</c>/<c>camunda:map</c> values are followed before the text is taken as is.</summary>
    private const int MaxValueNesting = 16;

    private static LoopCharacteristics? ReadLoopCharacteristics(XElement e, ParseContext ctx)
    {
        if (Child(e, "multiInstanceLoopCharacteristics") is { } mi)
        {
            var zeebe = ZeebeExtension(mi, "loopCharacteristics");
            return new LoopCharacteristics
            {
                IsMultiInstance = true,
                IsSequential = ctx.Bool(mi, "isSequential", fallback: false),
                LoopCardinality = Text(Child(mi, "loopCardinality")),
                CompletionCondition = Text(Child(mi, "completionCondition")),
                Collection = CamundaAttr(mi, "collection") ?? Optional(zeebe, "inputCollection"),
                ElementVariable = CamundaAttr(mi, "elementVariable") ?? Optional(zeebe, "inputElement"),
                OutputCollection = Optional(zeebe, "outputCollection"),
                OutputElement = Optional(zeebe, "outputElement"),
                Position = PositionOf(mi),
            };
        }

        if (Child(e, "standardLoopCharacteristics") is { } standard)
        {
            return new LoopCharacteristics
            {
                TestBefore = ctx.Bool(standard, "testBefore", fallback: false),
                LoopMaximum = Attr(standard, "loopMaximum"),
                LoopCondition = Text(Child(standard, "loopCondition")),
                Position = PositionOf(standard),
            };
        }

        return null;
    }

    /// <summary>A <c>camunda:connector</c>'s own <c>camunda:inputOutput</c> (a direct child of the connector element).</summary>
    private static void ReadConnectorIo(XElement connector, List<IoMapping> inputs, List<IoMapping> outputs)
    {
        foreach (var io in connector.Elements().Where(x => IsCamunda(x.Name.Namespace) && x.Name.LocalName == "inputOutput"))
        {
            foreach (var parameter in io.Elements().Where(x => IsCamunda(x.Name.Namespace)))
            {
                var target = Attr(parameter, "name");
                var list = parameter.Name.LocalName switch { "inputParameter" => inputs, "outputParameter" => outputs, _ => null };
                if (list is not null && target is not null)
                {
                    list.Add(new IoMapping(ParameterValue(parameter), target, PositionOf(parameter)));
                }
            }
        }
    }

    /// <summary><c>camunda:inputOutput</c> and <c>zeebe:ioMapping</c>, on activities and events alike.</summary>
    private static void ReadIoMappings(XElement e, List<IoMapping> inputs, List<IoMapping> outputs)
    {
        foreach (var io in CamundaExtensions(e, "inputOutput"))
        {
            foreach (var parameter in io.Elements().Where(x => IsCamunda(x.Name.Namespace)))
            {
                var target = Attr(parameter, "name");
                var list = parameter.Name.LocalName switch { "inputParameter" => inputs, "outputParameter" => outputs, _ => null };
                if (list is not null && target is not null)
                {
                    list.Add(new IoMapping(ParameterValue(parameter), target, PositionOf(parameter)));
                }
            }
        }

        if (ZeebeExtension(e, "ioMapping") is { } mapping)
        {
            foreach (var item in mapping.Elements())
            {
                var target = Attr(item, "target");
                var list = item.Name == Zeebe + "input" ? inputs : item.Name == Zeebe + "output" ? outputs : null;
                if (list is not null && target is not null)
                {
                    list.Add(new IoMapping(Attr(item, "source"), target, PositionOf(item)));
                }
            }
        }
    }

    /// <summary>
    /// A call activity's <c>camunda:in</c>/<c>camunda:out</c>. <c>variables="all"</c> becomes target <c>*</c>;
    /// <c>businessKey</c> is not a mapping (it is read into <see cref="CallActivity.BusinessKey"/>).
    /// </summary>
    private static void ReadCallMappings(XElement e, List<IoMapping> inputs, List<IoMapping> outputs)
    {
        foreach (var item in Extensions(e).Where(x => IsCamunda(x.Name.Namespace)))
        {
            var list = item.Name.LocalName switch { "in" => inputs, "out" => outputs, _ => null };
            if (list is null)
            {
                continue;
            }

            if (string.Equals(Attr(item, "variables"), "all", StringComparison.OrdinalIgnoreCase))
            {
                list.Add(new IoMapping(null, "*", PositionOf(item)));
            }
            else if (Attr(item, "target") is { } target)
            {
                var variable = Attr(item, "source");
                list.Add(new IoMapping(variable ?? Attr(item, "sourceExpression"), target, PositionOf(item), SourceIsVariable: variable is not null));
            }
        }
    }

    /// <summary>
    /// The value of a <c>camunda:inputParameter</c>: its text (a constant or <c>${expression}</c>), a nested
    /// script's text, or a <c>camunda:list</c>/<c>camunda:map</c> written as JSON so it survives as one string.
    /// </summary>
    private static string? ParameterValue(XElement parameter)
    {
        var inner = parameter.Elements().FirstOrDefault(x => IsCamunda(x.Name.Namespace));
        return inner?.Name.LocalName switch
        {
            "list" or "map" => Json(inner, 0),
            "script" => Text(inner),
            _ => Text(parameter),
        };
    }

    /// <summary>A <c>camunda:list</c>, <c>camunda:map</c>, or a value or entry holding text or another list or map, as JSON.</summary>
    private static string Json(XElement e, int depth)
    {
        if (depth >= MaxValueNesting)
        {
            return JsonSerializer.Serialize(Text(e));
        }

        switch (e.Name.LocalName)
        {
            case "list":
                var items = e.Elements().Where(x => IsCamunda(x.Name.Namespace)).Select(x => Json(x, depth + 1));
                return $"[{string.Join(",", items)}]";
            case "map":
                var entries = CamundaChildren(e, "entry").Select(x => $"{JsonSerializer.Serialize(Attr(x, "key") ?? string.Empty)}:{Json(x, depth + 1)}");
                return $"{{{string.Join(",", entries)}}}";
            default:
                var nested = e.Elements().FirstOrDefault(x => IsCamunda(x.Name.Namespace) && x.Name.LocalName is "list" or "map");
                return nested is null ? JsonSerializer.Serialize(Text(e)) : Json(nested, depth + 1);
        }
    }

    /// <summary>Camunda 7 form fields (<c>camunda:formData</c>) and the older Activiti <c>camunda:formProperty</c>.</summary>
    private static void ReadFormFields(XElement e, List<FormField> fields)
    {
        foreach (var field in CamundaExtensions(e, "formData").SelectMany(d => CamundaChildren(d, "formField")))
        {
            if (Attr(field, "id") is not { } id)
            {
                continue;
            }

            var constraints = CamundaChildren(field, "validation").SelectMany(v => CamundaChildren(v, "constraint"))
                .Select(c => new KeyValuePair<string, string?>(Attr(c, "name") ?? string.Empty, Attr(c, "config")))
                .ToList();
            var formField = new FormField
            {
                Id = id,
                Label = Attr(field, "label"),
                Type = Attr(field, "type") ?? "string",
                DefaultValue = Attr(field, "defaultValue"),
                Required = constraints.Any(c => c.Key.Equals("required", StringComparison.OrdinalIgnoreCase)),
                ReadOnly = constraints.Any(c => c.Key.Equals("readonly", StringComparison.OrdinalIgnoreCase)),
                Position = PositionOf(field),
            };
            formField.Constraints.AddRange(constraints);
            AddEnumValues(field, formField);
            fields.Add(formField);
        }

        foreach (var property in CamundaExtensions(e, "formProperty"))
        {
            if (Attr(property, "id") is not { } id)
            {
                continue;
            }

            var formField = new FormField
            {
                Id = id,
                Label = Attr(property, "name"),
                Type = Attr(property, "type") ?? "string",
                DefaultValue = Attr(property, "default"),
                Required = string.Equals(Attr(property, "required"), "true", StringComparison.OrdinalIgnoreCase),
                ReadOnly = string.Equals(Attr(property, "writable"), "false", StringComparison.OrdinalIgnoreCase),
                Position = PositionOf(property),
            };
            AddEnumValues(property, formField);
            fields.Add(formField);
        }
    }

    private static void AddEnumValues(XElement field, FormField formField)
    {
        foreach (var value in CamundaChildren(field, "value"))
        {
            if (Attr(value, "id") is { } valueId)
            {
                formField.Values.Add(new KeyValuePair<string, string>(valueId, Attr(value, "name") ?? valueId));
            }
        }
    }
}
