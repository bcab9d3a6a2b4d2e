using System.Globalization;
using System.Text;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>Field and template names as words a person reads ("businessKey" → "Business key").</summary>
public static class Words
{
    public static string Humanize(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }

        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-')
            {
                words.Append(' ');
            }
            else if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        var text = words.ToString();
        return char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
    }
}
