using TnAcme.Acme.Jose;

namespace TnAcme.Client.Callback;

/// <summary>
/// tn-callback-01's response: base64url(SHA-256(part1 || part2 "." base64url(thumbprint))) where part1 is the code
/// received on the telephone and part2 the challenge's token (RFC 8823 §3 with RFC 8555 §8.1).
/// </summary>
public static class CallbackResponse
{
    public static string Compute(string code, string token, JsonWebKey accountKey)
    {
        string part1 = Normalize(code);
        return KeyAuthorization.DigestBase64Url(KeyAuthorization.Compute(part1 + token, accountKey));
    }

    /// <summary>The digits as typed or printed: spaces, dashes and dots a person adds are dropped; anything else is refused.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        string digits = new(code.Where(c => c is not (' ' or '-' or '.' or '\t' or '\r' or '\n')).ToArray());
        return digits.Length is > 0 and <= 32 && digits.All(char.IsAsciiDigit)
            ? digits
            : throw new CallbackCodeException("the code is digits only (spaces and dashes allowed), e.g. 1234 5678");
    }
}
