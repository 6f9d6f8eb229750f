using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace TnAcme.Issuance.X509;

/// <summary>Reads the values of the standard extensions the linter and CSR checks inspect, without the BCL wrappers.</summary>
public static class ExtensionReaders
{
    /// <summary>BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }.</summary>
    public static (bool Ca, int? PathLength) BasicConstraints(ReadOnlyMemory<byte> value)
    {
        var outer = new AsnReader(value, AsnEncodingRules.DER);
        AsnReader seq = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        bool ca = seq.HasData && seq.PeekTag() == Asn1Tag.Boolean && seq.ReadBoolean();
        int? path = null;
        if (seq.HasData)
        {
            path = seq.TryReadInt32(out int len) ? len : throw new AsnContentException("pathLenConstraint is out of range");
        }

        seq.ThrowIfNotEmpty();
        return (ca, path);
    }

    /// <summary>KeyUsage BIT STRING mapped onto <see cref="X509KeyUsageFlags"/> (whose values mirror the bit layout).</summary>
    public static X509KeyUsageFlags KeyUsage(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        byte[] bits = reader.ReadBitString(out _);
        reader.ThrowIfNotEmpty();
        int flags = (bits.Length > 0 ? bits[0] : 0) | (bits.Length > 1 ? bits[1] << 8 : 0);
        return (X509KeyUsageFlags)flags;
    }
}
