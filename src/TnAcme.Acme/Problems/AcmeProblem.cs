using System.Text.Json.Serialization;

namespace TnAcme.Acme.Problems;

/// <summary>An RFC 7807 / RFC 8555 §6.7 problem document.</summary>
public sealed record AcmeProblem
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("detail")]
    public required string Detail { get; init; }

    [JsonPropertyName("status")]
    public int Status { get; init; } = 400;

    /// <summary>Only on subproblems (RFC 8555 §6.7.1: never at the top level).</summary>
    [JsonPropertyName("identifier")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AcmeIdentifier? Identifier { get; init; }

    [JsonPropertyName("subproblems")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AcmeProblem>? Subproblems { get; init; }

    /// <summary>RFC 8555 §6.2: badSignatureAlgorithm lists what is accepted.</summary>
    [JsonPropertyName("algorithms")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Algorithms { get; init; }

    [JsonPropertyName("instance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instance { get; init; }

    /// <summary>
    /// TnAcme extension member (RFC 7807 §3.2) on rateLimited and limit refusals: which limit refused, e.g.
    /// "tn-callback-01/number" (docs/challenges/tn-callback-01.md lists them).
    /// </summary>
    [JsonPropertyName("limit")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Limit { get; init; }

    /// <summary>A Location header to send with the problem (RFC 8555 §7.3.5's 409 names the account holding the key).</summary>
    [JsonIgnore]
    public string? Location { get; init; }

    /// <summary>Seconds to send as Retry-After (not serialized).</summary>
    [JsonIgnore]
    public int? RetryAfterSeconds { get; init; }

    public static AcmeProblem Malformed(string detail) => new() { Type = AcmeErrorType.Malformed, Detail = detail };

    public static AcmeProblem Unauthorized(string detail, int status = 403) => new() { Type = AcmeErrorType.Unauthorized, Detail = detail, Status = status };

    public static AcmeProblem BadCsr(string detail) => new() { Type = AcmeErrorType.BadCsr, Detail = detail };

    public static AcmeProblem ServerInternal(string detail) => new() { Type = AcmeErrorType.ServerInternal, Detail = detail, Status = 500 };

    public static AcmeProblem NotFound(string what) => new() { Type = AcmeErrorType.Malformed, Detail = $"no such {what}", Status = 404 };
}

/// <summary>Thrown anywhere in the protocol layer; the host renders the problem document.</summary>
public sealed class AcmeProblemException : Exception
{
    public AcmeProblemException(AcmeProblem problem)
        : base(problem.Detail)
    {
        Problem = problem;
    }

    public AcmeProblem Problem { get; }
}
