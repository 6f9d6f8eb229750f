using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Jose;

/// <summary>The problem documents the request-authentication layer throws.</summary>
internal static class JoseProblems
{
    public static AcmeProblemException Malformed(string detail) => new(AcmeProblem.Malformed(detail));

    public static AcmeProblemException TooLarge(string detail) => new(AcmeProblem.Malformed(detail) with { Status = 413 });

    public static AcmeProblemException Unauthorized(string detail) => new(AcmeProblem.Unauthorized(detail));

    public static AcmeProblemException BadNonce(string detail) =>
        new(new AcmeProblem { Type = AcmeErrorType.BadNonce, Detail = detail });

    public static AcmeProblemException BadPublicKey(string detail) =>
        new(new AcmeProblem { Type = AcmeErrorType.BadPublicKey, Detail = detail });

    public static AcmeProblemException BadSignatureAlgorithm(string detail) =>
        new(new AcmeProblem { Type = AcmeErrorType.BadSignatureAlgorithm, Detail = detail, Algorithms = JwsAlgorithms.Supported });

    /// <summary>The same problem with a prefix naming where it happened ("inner JWS: ...").</summary>
    public static AcmeProblemException Prefixed(string prefix, AcmeProblemException inner) =>
        new(inner.Problem with { Detail = prefix + inner.Problem.Detail });

    /// <summary>A client-supplied string, quoted for a problem detail: printable ASCII only, at most 64 characters.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        const int Max = 64;
        var text = value.Length > Max ? value[..Max] : value;
        Span<char> buffer = stackalloc char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            buffer[i] = c is >= ' ' and <= '~' && c != '\'' ? c : '?';
        }

        return "'" + new string(buffer) + (value.Length > Max ? "…'" : "'");
    }
}
