using System.Text;

namespace TnAcme.Issuance.Signing;

/// <summary>
/// Where a <see cref="Pkcs11Signer"/> finds its key: the PKCS#11 module, the token (by label and/or slot id),
/// the user PIN, and the key (by CKA_LABEL and/or CKA_ID).
/// The PIN is deliberately left out of <see cref="object.ToString"/> (record printing).
/// </summary>
public sealed record Pkcs11SignerOptions
{
    /// <summary>Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so.</summary>
    public required string LibraryPath { get; init; }

    /// <summary>Token label (CK_TOKEN_INFO.label, trailing padding ignored). Give this, <see cref="SlotId"/>, or both.</summary>
    public string? TokenLabel { get; init; }

    /// <summary>Slot id. Give this, <see cref="TokenLabel"/>, or both (then both must match).</summary>
    public ulong? SlotId { get; init; }

    /// <summary>User (CKU_USER) PIN. Never printed.</summary>
    public required string Pin { get; init; }

    /// <summary>CKA_LABEL of the private key (and, for generation, of both halves of the pair).</summary>
    public string? KeyLabel { get; init; }

    /// <summary>CKA_ID of the key as hex; optional when opening (narrows the search), ignored by generation (it picks a random id).</summary>
    public string? KeyIdHex { get; init; }

    /// <summary>
    /// Most PKCS#11 sessions the signer keeps open; that many signatures can be in flight at once.
    /// PKCS#11 sessions are not thread-safe, so each signature borrows a session for its duration.
    /// </summary>
    public int MaxSessions { get; init; } = 4;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("LibraryPath = ").Append(LibraryPath)
            .Append(", TokenLabel = ").Append(TokenLabel)
            .Append(", SlotId = ").Append(SlotId)
            .Append(", Pin = ***")
            .Append(", KeyLabel = ").Append(KeyLabel)
            .Append(", KeyIdHex = ").Append(KeyIdHex)
            .Append(", MaxSessions = ").Append(MaxSessions);
        return true;
    }

    internal void Validate(bool requireKeyLabel)
    {
        if (string.IsNullOrWhiteSpace(LibraryPath))
        {
            throw new ArgumentException("LibraryPath (the PKCS#11 module) is required.", nameof(LibraryPath));
        }

        if (TokenLabel is null && SlotId is null)
        {
            throw new ArgumentException("Give TokenLabel or SlotId to select the PKCS#11 token.", nameof(TokenLabel));
        }

        if (string.IsNullOrEmpty(Pin))
        {
            throw new ArgumentException("A user PIN is required.", nameof(Pin));
        }

        if (requireKeyLabel ? string.IsNullOrEmpty(KeyLabel) : string.IsNullOrEmpty(KeyLabel) && string.IsNullOrEmpty(KeyIdHex))
        {
            throw new ArgumentException(
                requireKeyLabel ? "KeyLabel is required." : "Give KeyLabel or KeyIdHex to select the key.",
                nameof(KeyLabel));
        }

        if (KeyIdHex is not null)
        {
            _ = KeyId;
        }

        if (MaxSessions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSessions), MaxSessions, "MaxSessions must be at least 1.");
        }
    }

    internal byte[]? KeyId
    {
        get
        {
            if (KeyIdHex is null)
            {
                return null;
            }

            try
            {
                return Convert.FromHexString(KeyIdHex);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"KeyIdHex '{KeyIdHex}' is not hex.", nameof(KeyIdHex), e);
            }
        }
    }
}
