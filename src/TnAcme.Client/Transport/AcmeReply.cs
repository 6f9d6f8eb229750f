using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TnAcme.Acme.Problems;

namespace TnAcme.Client.Transport;

/// <summary>What an ACME response carries that the client uses: status, body, Location, Replay-Nonce, Retry-After, Link.</summary>
internal sealed record AcmeReply
{
    public required int Status { get; init; }

    public required string? MediaType { get; init; }

    public required byte[] Body { get; init; }

    public string? Location { get; init; }

    public string? Nonce { get; init; }

    public RetryConditionHeaderValue? RetryAfter { get; init; }

    public IReadOnlyList<string> Links { get; init; } = [];

    public bool IsError => Status >= 300;

    public bool IsProblem => string.Equals(MediaType, ProblemDocument.MediaType, StringComparison.OrdinalIgnoreCase);

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The <c>status</c> member of a resource body (order, authorization, challenge), or null.</summary>
    public string? ResourceStatus
    {
        get
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(Body);
                return doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("status", out JsonElement status)
                    && status.ValueKind == JsonValueKind.String
                    ? status.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public static async Task<AcmeReply> ReadAsync(HttpResponseMessage response, CancellationToken ct) => new()
    {
        Status = (int)response.StatusCode,
        MediaType = response.Content.Headers.ContentType?.MediaType,
        Body = await response.Content.ReadAsByteArrayAsync(ct),
        Location = response.Headers.Location?.ToString(),
        Nonce = response.Headers.TryGetValues("Replay-Nonce", out IEnumerable<string>? nonces) ? nonces.FirstOrDefault() : null,
        RetryAfter = response.Headers.RetryAfter,
        Links = response.Headers.TryGetValues("Link", out IEnumerable<string>? links) ? [.. links] : [],
    };

    /// <summary>The problem this error response describes; synthesized (about:blank) when the body is not a problem document.</summary>
    public AcmeProblem Problem()
    {
        if (IsProblem)
        {
            AcmeProblem problem = ProblemDocument.Parse(Body, Status);
            int? retryAfter = RetryAfter?.Delta is { } delta ? (int)Math.Ceiling(delta.TotalSeconds) : null;
            return problem with { Location = Location ?? problem.Location, RetryAfterSeconds = retryAfter ?? problem.RetryAfterSeconds };
        }

        string excerpt = Text.Length > 200 ? Text[..200] + "…" : Text;
        return new AcmeProblem
        {
            Type = ProblemDocument.AboutBlank,
            Detail = $"HTTP {Status}{(excerpt.Length > 0 ? ": " + excerpt.Trim() : string.Empty)}",
            Status = Status,
            Location = Location,
        };
    }

    /// <summary>The body as a resource; a body that does not parse is the server's fault, reported as a problem.</summary>
    public T Read<T>(JsonTypeInfo<T> type, string url)
    {
        try
        {
            return JsonSerializer.Deserialize(Body, type)
                ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new AcmeClientException(
                new AcmeProblem { Type = ProblemDocument.AboutBlank, Detail = $"the server's answer is not a valid {typeof(T).Name.Replace("Resource", string.Empty, StringComparison.Ordinal)} object ({e.Message})", Status = Status },
                url);
        }
    }
}
