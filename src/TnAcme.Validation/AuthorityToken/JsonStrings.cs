using System.Text.Json;

namespace TnAcme.Validation.AuthorityToken;

internal static class JsonStrings
{
    /// <summary>
    /// <see cref="JsonElement.GetString"/> throws <see cref="InvalidOperationException"/> for escapes that are not
    /// valid UTF-16 (a lone <c>\ud800</c>); hostile tokens carry them, so that becomes a Malformed failure.
    /// </summary>
    public static string Get(JsonElement element, string what)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new AuthorityTokenException(AuthorityTokenCheck.Malformed, $"{what} is not valid Unicode text", ex);
        }
    }
}
