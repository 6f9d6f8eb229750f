namespace TnAcme.Storage.Entities;

public sealed class AuthorizationEntity
{
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string IdentifierType { get; set; }

    public required string IdentifierValue { get; set; }

    public int Status { get; set; }

    public long Expires { get; set; }

    /// <summary>The challenges, as JSON: they are only ever read and written with their authorization.</summary>
    public required string ChallengesJson { get; set; }

    public bool GrantedCa { get; set; }

    public long? ProofExpires { get; set; }

    public long CreatedAt { get; set; }

    /// <summary>Bumped on every update; multi-step challenges compare-and-set on it.</summary>
    public long Revision { get; set; }
}
