using System.Security.Cryptography;

namespace TnAcme.Acme;

/// <summary>Resource ids (128 random bits, lowercase hex: URL-safe and free of '-') and challenge tokens.</summary>
public static class Ids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>RFC 8555 §8.1: at least 128 bits of entropy, base64url.</summary>
    public static string Token() => Stir.Base64Url.Encode(RandomNumberGenerator.GetBytes(16));

    public static string ChallengeId(string authorizationId, int index) => authorizationId + "-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
