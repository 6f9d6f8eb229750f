using System.Text;

namespace TnAcme.Acme.Protocol;

/// <summary>What a handler answers; the host turns it into HTTP and adds Replay-Nonce and Link rel="index".</summary>
public sealed class AcmeResponse
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string PemChain = "application/pem-certificate-chain";

    public int Status { get; init; } = 200;

    public ReadOnlyMemory<byte> Body { get; init; }

    public string? ContentType { get; init; } = Json;

    public string? Location { get; init; }

    public List<(string Url, string Rel)> Links { get; } = [];

    public int? RetryAfterSeconds { get; init; }

    public string? CacheControl { get; init; }

    /// <summary>False for the directory, which carries no rel="index" link to itself.</summary>
    public bool LinkIndex { get; init; } = true;

    public static AcmeResponse FromJson(byte[] json, int status = 200, string? location = null) =>
        new() { Body = json, Status = status, Location = location };

    public static AcmeResponse Empty(int status) => new() { Status = status, ContentType = null };

    public static AcmeResponse Text(string text, string contentType) => new() { Body = Encoding.UTF8.GetBytes(text), ContentType = contentType };
}
