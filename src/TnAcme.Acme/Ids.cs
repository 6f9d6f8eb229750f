using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TnAcme.Acme;

/// <summary>Resource ids (lowercase hex: URL-safe and free of '-') and challenge tokens.</summary>
public static class Ids
{
    /// <summary>128 random bits.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// For the rows every issuance creates (orders, authorizations): 48 bits of Unix milliseconds, then 80 random
    /// bits. Their primary-key index then grows at its end, so one group commit's new rows share a few pages, where
    /// random ids put each new row on a page of its own anywhere in the index (a page written, and later
    /// checkpointed, per row). Nothing may rely on an id being secret: every resource is read by its account only.
    /// </summary>
    public static string TimeOrdered(DateTimeOffset now)
    {
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(id, now.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(id[6..]);
        return Convert.ToHexStringLower(id);
    }

    /// <summary>RFC 8555 §8.1: at least 128 bits of entropy, base64url.</summary>
    public static string Token() => Stir.Base64Url.Encode(RandomNumberGenerator.GetBytes(16));

    public static string ChallengeId(string authorizationId, int index) => authorizationId + "-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
