namespace TnAcme.TokenAuthority.Grants;

/// <summary>The grants file (grants.json) as stored: accounts with the hash of their API key and their grants.</summary>
internal sealed record StoredGrants
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public IReadOnlyList<StoredAccount> Accounts { get; init; } = [];

    public StoredAccount? Find(string id) => Accounts.FirstOrDefault(a => a.Id.Equals(id, StringComparison.Ordinal));

    public StoredGrants Replace(StoredAccount account) =>
        this with { Accounts = [.. Accounts.Select(a => a.Id.Equals(account.Id, StringComparison.Ordinal) ? account : a)] };
}

internal sealed record StoredAccount
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Base64url SHA-256 of the API key; the key itself is shown once and never stored.</summary>
    public required string ApiKeySha256 { get; init; }

    /// <summary>Every grant of the account may be delegated (tokens with <c>ca: true</c>).</summary>
    public bool MayDelegate { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<StoredGrant> Grants { get; init; } = [];
}

/// <summary>One granted TNAuthList entry in <see cref="GrantSyntax"/> form, e.g. type "range", value "12025550100+100".</summary>
internal sealed record StoredGrant(string Type, string Value, bool MayDelegate = false);
