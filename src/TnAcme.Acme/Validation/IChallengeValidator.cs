using System.Text.Json;

namespace TnAcme.Acme.Validation;

/// <summary>
/// One challenge type (RFC 8555 §8): what it offers on an authorization and how it checks a response.
/// A new challenge type is a new implementation registered with the server, never an edit elsewhere.
/// </summary>
public interface IChallengeValidator
{
    /// <summary>The challenge type, e.g. "tkauth-01".</summary>
    string Type { get; }

    /// <summary>Whether this challenge can prove control of <paramref name="identifier"/>.</summary>
    bool Supports(AcmeIdentifier identifier);

    /// <summary>Type-specific members of the challenge object (e.g. tkauth-type).</summary>
    IReadOnlyDictionary<string, string> Attributes(AcmeIdentifier identifier);

    /// <summary>Checks the client's response object (the JWS payload posted to the challenge URL).</summary>
    Task<ChallengeOutcome> ValidateAsync(ChallengeContext context, JsonElement response, CancellationToken cancellationToken);
}

public sealed record ChallengeContext(Account Account, Authorization Authorization, Challenge Challenge, byte[] AccountKeyThumbprint);

/// <summary>Valid (with what the proof granted) or invalid (with the problem naming the failed check).</summary>
public sealed record ChallengeOutcome
{
    public bool IsValid { get; private init; }

    public Problems.AcmeProblem? Error { get; private init; }

    public bool GrantedCa { get; private init; }

    public DateTimeOffset? ProofExpires { get; private init; }

    public static ChallengeOutcome Valid(bool grantedCa, DateTimeOffset? proofExpires) =>
        new() { IsValid = true, GrantedCa = grantedCa, ProofExpires = proofExpires };

    public static ChallengeOutcome Invalid(Problems.AcmeProblem error) => new() { Error = error };
}
