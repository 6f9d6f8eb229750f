using TnAcme.Acme.Stores;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Validation;

/// <summary>
/// Authority Token jti single use, recorded in the transaction that stores the challenge's outcome instead of by a
/// write of its own: <see cref="AuthorityTokenVerifier"/>'s check-and-record (its last step, after every other check
/// passed) is captured here for the validation in progress, and <see cref="TkAuthChallengeValidator"/> hands the jti
/// on with its outcome (<see cref="Acme.Validation.ChallengeOutcome.Spends"/>). The authorization store records it
/// with the authorization, and a jti recorded before makes the challenge invalid with the verifier's Replayed
/// problem. One write per challenge instead of two, and a token is never spent on an authorization that was not
/// stored.
/// </summary>
/// <remarks>
/// The values go in the same scope as <see cref="StoredJtiReplayStore"/>'s, so jti recorded by either count for both.
/// </remarks>
public sealed class DeferredJtiReplayStore : IJtiReplayStore
{
    /// <summary>Must stay <see cref="StoredJtiReplayStore"/>'s scope.</summary>
    public const string ScopePrefix = "atc-jti:";

    private static readonly AsyncLocal<Capture?> Current = new();

    /// <summary>Captures the jti for the validation in progress; refuses outside one (it would go unrecorded).</summary>
    public Task<bool> TryRecordAsync(string issuerKey, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        Capture capture = Current.Value
            ?? throw new InvalidOperationException("a deferred jti is recorded only during a tkauth-01 validation that stores it (TkAuthChallengeValidator)");
        capture.Spent = new SingleUseValue(ScopePrefix + issuerKey, jti, expiresAt);
        return Task.FromResult(true);
    }

    /// <summary>Starts capturing for the calling validation (and what it awaits).</summary>
    internal static Capture Begin()
    {
        var capture = new Capture();
        Current.Value = capture;
        return capture;
    }

    internal sealed class Capture : IDisposable
    {
        public SingleUseValue? Spent { get; set; }

        public void Dispose() => Current.Value = null;
    }
}
