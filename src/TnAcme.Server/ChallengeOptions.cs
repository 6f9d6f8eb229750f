using TnAcme.Validation.Callback;

namespace TnAcme.Server;

/// <summary>Which challenge types the server offers, and how (configuration "Server:Challenges").</summary>
public sealed record ChallengeOptions
{
    public TkAuthOptions TkAuth { get; set; } = new();

    /// <summary>tn-callback-01 (proof of number possession by voice or SMS, docs/challenges/tn-callback-01.md).</summary>
    public TnCallbackOptions TnCallback { get; set; } = new();
}

/// <summary>tkauth-01 (RFC 9447/9448): carriers prove numbers with an Authority Token.</summary>
public sealed record TkAuthOptions
{
    public bool Enabled { get; set; } = true;
}
