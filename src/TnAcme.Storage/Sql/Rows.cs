using System.Data.Common;
using TnAcme.Storage.Entities;

namespace TnAcme.Storage.Sql;

/// <summary>
/// Column lists and row readers for the statements the hot path writes by hand. The lists name every column in the
/// order the readers expect; a migration that changes an entity must change them (the integration tests notice).
/// </summary>
internal static class Rows
{
    public const string OrderColumns =
        "\"Id\", \"AccountId\", \"Status\", \"Expires\", \"IdentifiersJson\", \"NotBefore\", \"NotAfter\", \"Profile\", " +
        "\"AuthorizationIdsJson\", \"ErrorJson\", \"CertificateSerial\", \"CreatedAt\"";

    public const string AuthorizationColumns =
        "\"Id\", \"AccountId\", \"IdentifierType\", \"IdentifierValue\", \"Status\", \"Expires\", \"ChallengesJson\", " +
        "\"GrantedCa\", \"ProofExpires\", \"CreatedAt\", \"Revision\"";

    public const string CertificateColumns =
        "\"Serial\", \"Profile\", \"TbsDer\", \"AccountId\", \"OrderId\", \"Der\", \"ChainPem\", \"TnAuthListDer\", " +
        "\"NotBefore\", \"NotAfter\", \"IntentAt\", \"RevokedAt\", \"RevocationReason\"";

    public const string AccountColumns =
        "\"Id\", \"KeyThumbprint\", \"KeyJwk\", \"Status\", \"ContactJson\", \"TermsOfServiceAgreed\", " +
        "\"ExternalAccountBinding\", \"EabKeyId\", \"CreatedAt\"";

    public static OrderEntity Order(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        AccountId = r.GetString(1),
        Status = r.GetInt32(2),
        Expires = r.GetInt64(3),
        IdentifiersJson = r.GetString(4),
        NotBefore = Int64OrNull(r, 5),
        NotAfter = Int64OrNull(r, 6),
        Profile = r.GetString(7),
        AuthorizationIdsJson = r.GetString(8),
        ErrorJson = StringOrNull(r, 9),
        CertificateSerial = StringOrNull(r, 10),
        CreatedAt = r.GetInt64(11),
    };

    /// <summary><see cref="OrderColumns"/> of the order <c>o</c>, then <see cref="AuthorizationColumns"/> of the authorization <c>a</c>.</summary>
    public static readonly string OrderThenAuthorizationColumns = Qualified("o", OrderColumns) + ", " + Qualified("a", AuthorizationColumns);

    /// <summary>Where the authorization's columns start in <see cref="OrderThenAuthorizationColumns"/>.</summary>
    public static readonly int AuthorizationAfterOrder = OrderColumns.Split(", ").Length;

    private static string Qualified(string table, string columns) => string.Join(", ", columns.Split(", ").Select(c => table + "." + c));

    public static AuthorizationEntity Authorization(DbDataReader r) => AuthorizationAt(r, 0);

    /// <summary>The authorization whose <see cref="AuthorizationColumns"/> start at column <paramref name="at"/>.</summary>
    public static AuthorizationEntity AuthorizationAt(DbDataReader r, int at) => new()
    {
        Id = r.GetString(at),
        AccountId = r.GetString(at + 1),
        IdentifierType = r.GetString(at + 2),
        IdentifierValue = r.GetString(at + 3),
        Status = r.GetInt32(at + 4),
        Expires = r.GetInt64(at + 5),
        ChallengesJson = r.GetString(at + 6),
        GrantedCa = r.GetBoolean(at + 7),
        ProofExpires = Int64OrNull(r, at + 8),
        CreatedAt = r.GetInt64(at + 9),
        Revision = r.GetInt64(at + 10),
    };

    public static CertificateEntity Certificate(DbDataReader r) => new()
    {
        Serial = r.GetString(0),
        Profile = r.GetString(1),
        TbsDer = (byte[])r.GetValue(2),
        AccountId = StringOrNull(r, 3),
        OrderId = StringOrNull(r, 4),
        Der = r.IsDBNull(5) ? null : (byte[])r.GetValue(5),
        ChainPem = StringOrNull(r, 6),
        TnAuthListDer = r.IsDBNull(7) ? null : (byte[])r.GetValue(7),
        NotBefore = Int64OrNull(r, 8),
        NotAfter = Int64OrNull(r, 9),
        IntentAt = r.GetInt64(10),
        RevokedAt = Int64OrNull(r, 11),
        RevocationReason = r.IsDBNull(12) ? null : r.GetInt32(12),
    };

    public static AccountEntity Account(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        KeyThumbprint = r.GetString(1),
        KeyJwk = r.GetString(2),
        Status = r.GetInt32(3),
        ContactJson = r.GetString(4),
        TermsOfServiceAgreed = r.GetBoolean(5),
        ExternalAccountBinding = StringOrNull(r, 6),
        EabKeyId = StringOrNull(r, 7),
        CreatedAt = r.GetInt64(8),
    };

    private static long? Int64OrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static string? StringOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
