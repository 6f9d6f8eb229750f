using System.Collections.ObjectModel;

namespace TnAcme.Acme.Jose;

/// <summary>
/// The JWS algorithms TnAcme accepts on ACME requests (RFC 8555 §6.2: ES256 MUST, EdDSA SHOULD),
/// and the MAC algorithms accepted only inside an external account binding (RFC 8555 §7.3.4).
/// </summary>
public static class JwsAlgorithms
{
    public const string ES256 = "ES256";
    public const string ES384 = "ES384";
    public const string EdDSA = "EdDSA";
    public const string RS256 = "RS256";

    public const string HS256 = "HS256";
    public const string HS384 = "HS384";
    public const string HS512 = "HS512";

    /// <summary>The signature algorithms accepted on requests; the <c>algorithms</c> member of badSignatureAlgorithm.</summary>
    public static IReadOnlyList<string> Supported { get; } = new ReadOnlyCollection<string>([ES256, ES384, EdDSA, RS256]);

    /// <summary>The MAC algorithms accepted in an external account binding.</summary>
    public static IReadOnlyList<string> SupportedMac { get; } = new ReadOnlyCollection<string>([HS256, HS384, HS512]);

    public static bool IsSupported(string? alg) => alg is ES256 or ES384 or EdDSA or RS256;

    public static bool IsMac(string? alg) => alg is HS256 or HS384 or HS512;

    /// <summary>The constant string for a known algorithm name (no allocation), or null.</summary>
    internal static string? Known(ReadOnlySpan<byte> utf8) => utf8 switch
    {
        _ when utf8.SequenceEqual("ES256"u8) => ES256,
        _ when utf8.SequenceEqual("ES384"u8) => ES384,
        _ when utf8.SequenceEqual("EdDSA"u8) => EdDSA,
        _ when utf8.SequenceEqual("RS256"u8) => RS256,
        _ when utf8.SequenceEqual("HS256"u8) => HS256,
        _ when utf8.SequenceEqual("HS384"u8) => HS384,
        _ when utf8.SequenceEqual("HS512"u8) => HS512,
        _ => null,
    };
}
