using System.ComponentModel.DataAnnotations;

namespace HypermediaBpm.Server.Tests.Representations.Pipeline;

/// <summary>The body the test controller binds with [FromBody] (model binding and validation errors).</summary>
public sealed class ThingInput
{
    [Required]
    [StringLength(20)]
    public string? Name { get; set; }

    public int Amount { get; set; }
}
