namespace TnAcme.Acme.Issuance;

/// <summary>Decodes a PKCS#10 request and checks its signature; throws AcmeProblemException (badCSR) otherwise.</summary>
public interface ICsrDecoder
{
    CsrFacts Decode(ReadOnlyMemory<byte> der);
}

/// <summary>What the policy needs to know about a CSR.</summary>
public sealed record CsrFacts
{
    public required byte[] SubjectPublicKeyInfo { get; init; }

    /// <summary>DER of the TNAuthList in the extensionRequest, if any.</summary>
    public byte[]? TnAuthListDer { get; init; }

    public bool RequestsCa { get; init; }

    public bool IsP256 { get; init; }

    public string? Organization { get; init; }

    /// <summary>OIDs of the other extensions requested (the CA decides what it includes).</summary>
    public IReadOnlyList<string> OtherRequestedExtensions { get; init; } = [];
}
