using TnAcme.Acme.Problems;

namespace TnAcme.Client;

/// <summary>
/// The server refused a request, or a resource ended in a failed state: carries the server's problem document
/// (RFC 8555 §6.7) — its type, detail, status and subproblems — so callers can act on the exact error type.
/// </summary>
/// <remarks>
/// When a response is an error but not a problem document (a proxy's 502, say), the problem is synthesized with
/// type <c>about:blank</c> (RFC 7807 §4.2) and the HTTP status, so callers handle one shape.
/// </remarks>
public sealed class AcmeClientException : Exception
{
    public AcmeClientException(AcmeProblem problem, string? requestUrl = null)
        : base(Describe(problem))
    {
        Problem = problem;
        RequestUrl = requestUrl;
    }

    /// <summary>The problem document as the server sent it (or synthesized; see the class remarks).</summary>
    public AcmeProblem Problem { get; }

    /// <summary>The ACME error type, e.g. <c>urn:ietf:params:acme:error:alreadyRevoked</c>.</summary>
    public string Type => Problem.Type;

    /// <summary>The type without the <c>urn:ietf:params:acme:error:</c> prefix, e.g. <c>alreadyRevoked</c>.</summary>
    public string ShortType => Type.StartsWith(AcmeErrorType.Prefix, StringComparison.Ordinal) ? Type[AcmeErrorType.Prefix.Length..] : Type;

    public string Detail => Problem.Detail;

    public int Status => Problem.Status;

    public IReadOnlyList<AcmeProblem> Subproblems => Problem.Subproblems ?? [];

    /// <summary>The URL whose request failed, when known.</summary>
    public string? RequestUrl { get; }

    /// <summary>Whether the problem has the given ACME error type (full URN, e.g. <see cref="AcmeErrorType.AlreadyRevoked"/>).</summary>
    public bool Is(string type) => string.Equals(Type, type, StringComparison.Ordinal);

    private static string Describe(AcmeProblem problem)
    {
        string type = problem.Type.StartsWith(AcmeErrorType.Prefix, StringComparison.Ordinal) ? problem.Type[AcmeErrorType.Prefix.Length..] : problem.Type;
        string text = string.IsNullOrEmpty(problem.Detail) ? $"{type} (HTTP {problem.Status})" : $"{type}: {problem.Detail}";
        return problem.Subproblems is { Count: > 0 } subs
            ? text + " [" + string.Join("; ", subs.Select(s => s.Detail)) + "]"
            : text;
    }
}
