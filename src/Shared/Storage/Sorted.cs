namespace HypermediaBpm.Storage.Sorting;

/// <summary>One list order: the indexed expression (null: the key column alone), how a page key's sort value is read, and the page key of a row.</summary>
internal sealed record Sorted<T>(string? Expression, Func<string, object> Parse, Func<T, string> KeyOf);
