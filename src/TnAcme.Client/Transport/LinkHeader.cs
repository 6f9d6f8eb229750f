namespace TnAcme.Client.Transport;

/// <summary>Reads RFC 8288 Link header values of the simple form ACME servers send: <c>&lt;url&gt;;rel="next"</c>.</summary>
internal static class LinkHeader
{
    public static IEnumerable<string> Targets(IEnumerable<string> headerValues, string rel)
    {
        foreach (string value in headerValues)
        {
            foreach (string link in value.Split(','))
            {
                string[] parts = link.Split(';');
                string target = parts[0].Trim();
                if (target.Length < 2 || target[0] != '<' || target[^1] != '>')
                {
                    continue;
                }

                bool matches = parts.Skip(1)
                    .Select(p => p.Trim())
                    .Any(p => p.StartsWith("rel=", StringComparison.OrdinalIgnoreCase)
                        && p[4..].Trim('"').Split(' ').Contains(rel, StringComparer.OrdinalIgnoreCase));
                if (matches)
                {
                    yield return target[1..^1];
                }
            }
        }
    }
}
