using System.Text;

namespace ExperimentHub.Server.Data.Converters;

/// <summary>PascalCase to snake_case: the naming of the SQL schema and of status words on the wire.</summary>
public static class SnakeCase
{
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
