using System.Numerics;
using System.Text.Json;
using TnAcme.Acme;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Issuance.Crl;

/// <summary>
/// Revocations recorded by an operator in the data folder (revocations.json), with the CRL number sequence.
/// The ACME server keeps the same facts in its database.
/// </summary>
public sealed class RevocationRegistry
{
    private readonly CaDataFolder _folder;

    public RevocationRegistry(CaDataFolder folder) => _folder = folder;

    public RevocationState Read() =>
        File.Exists(_folder.RevocationsPath)
            ? JsonSerializer.Deserialize<RevocationState>(File.ReadAllText(_folder.RevocationsPath), CaDataFolder.Json) ?? new RevocationState()
            : new RevocationState();

    /// <summary>Adds a revocation; revoking twice is refused (RFC 8555's alreadyRevoked).</summary>
    public RevokedCertificate Revoke(string serialHex, RevocationReason reason, DateTimeOffset at)
    {
        string serial = Convert.ToHexString(Convert.FromHexString(serialHex));
        RevocationState state = Read();
        if (state.Revoked.Any(r => r.SerialHex == serial))
        {
            throw new InvalidOperationException($"certificate {serial} is already revoked");
        }

        var entry = new RevokedCertificate(serial, at, reason);
        CaDataFolder.WriteAtomically(_folder.RevocationsPath, JsonSerializer.Serialize(state with { Revoked = [.. state.Revoked, entry] }, CaDataFolder.Json));
        return entry;
    }

    /// <summary>Takes the next CRL number (monotonic, RFC 5280 §5.2.3) and records it.</summary>
    public BigInteger NextCrlNumber()
    {
        RevocationState state = Read();
        long next = state.LastCrlNumber + 1;
        CaDataFolder.WriteAtomically(_folder.RevocationsPath, JsonSerializer.Serialize(state with { LastCrlNumber = next }, CaDataFolder.Json));
        return next;
    }
}

public sealed record RevocationState
{
    public long LastCrlNumber { get; init; }

    public IReadOnlyList<RevokedCertificate> Revoked { get; init; } = [];
}
