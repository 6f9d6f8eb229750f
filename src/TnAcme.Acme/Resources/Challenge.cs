using TnAcme.Acme.Problems;

namespace TnAcme.Acme;

/// <summary>An ACME challenge (RFC 8555 §7.1.5). Type-specific members live in <see cref="Attributes"/>.</summary>
public sealed record Challenge
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoLists = new Dictionary<string, IReadOnlyList<string>>();

    public required string Id { get; init; }

    public required string Type { get; init; }

    public required string Token { get; init; }

    public ChallengeStatus Status { get; init; } = ChallengeStatus.Pending;

    public DateTimeOffset? Validated { get; init; }

    public AcmeProblem? Error { get; init; }

    /// <summary>Extra members rendered in the challenge object (e.g. tkauth-type, token-authority).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra members rendered as arrays of strings (e.g. tn-callback-01's channels).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ListAttributes { get; init; } = NoLists;

    /// <summary>State of a multi-step challenge type (see <see cref="Validation.ChallengeOutcome.Pending"/>); never rendered.</summary>
    public ChallengeSecret? Secret { get; init; }
}
