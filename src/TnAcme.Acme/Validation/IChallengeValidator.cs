using System.Text.Json;

namespace TnAcme.Acme.Validation;

/// <summary>
/// One challenge type (RFC 8555 §8): what it offers on an authorization and how it checks a response.
/// A new challenge type is a new implementation registered with the server, never an edit elsewhere.
/// </summary>
public interface IChallengeValidator
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoLists = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The challenge type, e.g. "tkauth-01".</summary>
    string Type { get; }

    /// <summary>Whether this challenge can prove control of <paramref name="identifier"/>.</summary>
    bool Supports(AcmeIdentifier identifier);

    /// <summary>Type-specific members of the challenge object (e.g. tkauth-type).</summary>
    IReadOnlyDictionary<string, string> Attributes(AcmeIdentifier identifier);

    /// <summary>Type-specific members whose values are arrays of strings (e.g. the channels on offer).</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> ListAttributes(AcmeIdentifier identifier) => NoLists;

    /// <summary>
    /// Handles a POST to the challenge URL (the JWS payload). A one-step type answers valid or invalid; a multi-step
    /// type (e.g. one that first sends something to the identifier) may answer <see cref="ChallengeOutcome.Pending"/>
    /// with its new state. A refusal that changes nothing is an <see cref="Problems.AcmeProblemException"/>.
    /// </summary>
    Task<ChallengeOutcome> ValidateAsync(ChallengeContext context, JsonElement response, CancellationToken cancellationToken);
}

/// <param name="Secret">The challenge's state from earlier steps (null before the first).</param>
public sealed record ChallengeContext(Account Account, Authorization Authorization, Challenge Challenge, byte[] AccountKeyThumbprint)
{
    public ChallengeSecret? Secret => Challenge.Secret;
}

public enum ChallengeOutcomeKind
{
    Valid,
    Invalid,

    /// <summary>The challenge stays pending (a step of a multi-step challenge), with new state and perhaps an error.</summary>
    Pending,
}

/// <summary>Valid (with what the proof granted), invalid (with the problem naming the failed check), or still pending.</summary>
public sealed record ChallengeOutcome
{
    public ChallengeOutcomeKind Kind { get; private init; }

    public bool IsValid => Kind == ChallengeOutcomeKind.Valid;

    public Problems.AcmeProblem? Error { get; private init; }

    public bool GrantedCa { get; private init; }

    public DateTimeOffset? ProofExpires { get; private init; }

    /// <summary>How long the valid authorization may be kept (and reused), when the proof ages faster than the server's default.</summary>
    public TimeSpan? AuthorizationLifetime { get; private init; }

    /// <summary>For <see cref="ChallengeOutcomeKind.Pending"/>: the state to persist (replaces the old one).</summary>
    public ChallengeSecret? Secret { get; private init; }

    /// <summary>
    /// A single-use value the proof spends (an Authority Token's jti): recorded in the transaction that stores this
    /// outcome, so the proof counts once and is never spent by an outcome that was not stored. When it was recorded
    /// before, the outcome stored is <see cref="Invalid"/> with <see cref="AlreadyUsedError"/> instead.
    /// </summary>
    public Stores.SingleUseValue? Spends { get; private init; }

    /// <summary>The problem that invalidates the challenge when <see cref="Spends"/> turns out to be used already.</summary>
    public Problems.AcmeProblem? AlreadyUsedError { get; private init; }

    public static ChallengeOutcome Valid(bool grantedCa, DateTimeOffset? proofExpires, TimeSpan? authorizationLifetime = null) =>
        new() { Kind = ChallengeOutcomeKind.Valid, GrantedCa = grantedCa, ProofExpires = proofExpires, AuthorizationLifetime = authorizationLifetime };

    public static ChallengeOutcome Invalid(Problems.AcmeProblem error) => new() { Kind = ChallengeOutcomeKind.Invalid, Error = error };

    /// <summary>
    /// The step succeeded or failed without ending the challenge: <paramref name="secret"/> is persisted,
    /// <paramref name="error"/> (if any) is recorded in the challenge and returned to the client as a problem document.
    /// </summary>
    public static ChallengeOutcome Pending(ChallengeSecret secret, Problems.AcmeProblem? error = null) =>
        new() { Kind = ChallengeOutcomeKind.Pending, Secret = secret, Error = error };

    /// <summary>This outcome, spending <paramref name="value"/> (<see cref="Spends"/>).</summary>
    public ChallengeOutcome Spending(Stores.SingleUseValue value, Problems.AcmeProblem alreadyUsed) =>
        Kind == ChallengeOutcomeKind.Pending
            ? throw new InvalidOperationException("a proof is spent by the outcome that ends its challenge, not by a pending step")
            : this with { Spends = value, AlreadyUsedError = alreadyUsed };
}
