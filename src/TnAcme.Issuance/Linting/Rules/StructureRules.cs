using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.Linting.Rules;

/// <summary>RFC 5280 §4.1.2.1: certificates with extensions are v3.</summary>
public sealed class VersionRule : ILintRule
{
    public string Id => "e_version_not_3";

    public string? Check(LintContext c) => c.Tbs.Version == 3 ? null : $"version is v{c.Tbs.Version}, must be v3";
}

/// <summary>RFC 5280 §4.1.2.2 (positive, ≤ 20 octets) and ATIS-1000080 (≥ 64 bits of CSPRNG output).</summary>
public sealed class SerialNumberRule : ILintRule
{
    public string Id => "e_serial_number";

    public string? Check(LintContext c)
    {
        byte[] s = c.Tbs.SerialNumber;
        if (s.Length > 20)
        {
            return $"serial number is {s.Length} octets, more than 20";
        }

        if (!IsPositive(s))
        {
            return "serial number must be positive";
        }

        return s.Length < 9 ? "serial number is shorter than 64 bits of randomness allow" : null;
    }

    /// <summary>
    /// The sign of the big-endian two's-complement INTEGER, as <see cref="TbsCertificateView.SerialValue"/> would
    /// give it, without building the BigInteger: positive when the top bit is clear and some bit is set.
    /// </summary>
    private static bool IsPositive(byte[] serial) =>
        serial.Length > 0 && (serial[0] & 0x80) == 0 && serial.AsSpan().IndexOfAnyExcept((byte)0) >= 0;
}

public sealed class SignatureAlgorithmRule : ILintRule
{
    public string Id => "e_signature_algorithm_not_ecdsa_sha256";

    public string? Check(LintContext c) =>
        c.Tbs.SignatureAlgorithm == EcdsaAlgorithms.EcdsaWithSha256Oid && !c.Tbs.SignatureAlgorithmHasParameters
            ? null
            : $"signature algorithm {c.Tbs.SignatureAlgorithm} is not ecdsa-with-SHA256 without parameters";
}

/// <summary>RFC 8226 §4 / ATIS-1000080: subject keys are EC P-256 (ES256).</summary>
public sealed class P256KeyRule : ILintRule
{
    public string Id => "e_subject_key_not_p256";

    public string? Check(LintContext c) =>
        c.Tbs.PublicKeyAlgorithm == EcdsaAlgorithms.EcPublicKeyOid && c.Tbs.NamedCurve == EcdsaAlgorithms.P256Oid
            ? null
            : $"subject key is {c.Tbs.PublicKeyAlgorithm}/{c.Tbs.NamedCurve ?? "no curve"}, must be id-ecPublicKey on P-256";
}

public sealed class ValidityRule : ILintRule
{
    public string Id => "e_validity_outside_profile";

    public string? Check(LintContext c)
    {
        TimeSpan span = c.Tbs.NotAfter - c.Tbs.NotBefore;
        if (span <= TimeSpan.Zero)
        {
            return "notAfter is not after notBefore";
        }

        // The profile's maximum counts from the backdated notBefore; a second of slack absorbs rounding to seconds.
        TimeSpan max = c.Profile.MaximumValidity + TimeSpan.FromSeconds(c.Profile.BackdateSeconds + 1);
        return span > max ? $"validity {span} exceeds the profile's maximum {c.Profile.MaximumValidity}" : null;
    }
}

public sealed class DuplicateExtensionsRule : ILintRule
{
    public string Id => "e_duplicate_extension";

    public string? Check(LintContext c)
    {
        // The first OID, in order of first appearance, that appears again later.
        IReadOnlyList<CertificateExtension> extensions = c.Tbs.Extensions;
        for (int i = 0; i < extensions.Count; i++)
        {
            string oid = extensions[i].Oid;
            for (int j = i + 1; j < extensions.Count; j++)
            {
                if (extensions[j].Oid == oid)
                {
                    return $"extension {oid} appears more than once (RFC 5280 §4.2)";
                }
            }
        }

        return null;
    }
}
