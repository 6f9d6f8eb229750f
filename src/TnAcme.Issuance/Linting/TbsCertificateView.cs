using System.Formats.Asn1;
using System.Numerics;
using TnAcme.Stir;

namespace TnAcme.Issuance.Linting;

/// <summary>A read-only decoding of a TBSCertificate, enough for the linter and for display.</summary>
public sealed class TbsCertificateView
{
    /// <summary>Marks "looked, and there is no TNAuthList extension" in <see cref="_tnAuthList"/>.</summary>
    private static readonly DecodedTnAuthList NoTnAuthList = new(new CertificateExtension(string.Empty, false, []), null, null);

    private DecodedTnAuthList? _tnAuthList;

    private TbsCertificateView()
    {
    }

    public int Version { get; private init; }

    public byte[] SerialNumber { get; private init; } = [];

    public string SignatureAlgorithm { get; private init; } = string.Empty;

    public bool SignatureAlgorithmHasParameters { get; private init; }

    public byte[] IssuerDer { get; private init; } = [];

    public DateTimeOffset NotBefore { get; private init; }

    public DateTimeOffset NotAfter { get; private init; }

    public byte[] SubjectDer { get; private init; } = [];

    public IReadOnlyList<(string Oid, string Value)> Subject { get; private init; } = [];

    public byte[] SubjectPublicKeyInfoDer { get; private init; } = [];

    public string PublicKeyAlgorithm { get; private init; } = string.Empty;

    public string? NamedCurve { get; private init; }

    public IReadOnlyList<CertificateExtension> Extensions { get; private init; } = [];

    /// <summary>The first extension with this OID, or null.</summary>
    public CertificateExtension? Find(string oid)
    {
        IReadOnlyList<CertificateExtension> extensions = Extensions;
        for (int i = 0; i < extensions.Count; i++)
        {
            if (extensions[i].Oid == oid)
            {
                return extensions[i];
            }
        }

        return null;
    }

    /// <summary>The value of the first subject attribute with this OID, or null.</summary>
    public string? SubjectAttribute(string oid)
    {
        IReadOnlyList<(string Oid, string Value)> subject = Subject;
        for (int i = 0; i < subject.Count; i++)
        {
            if (subject[i].Oid == oid)
            {
                return subject[i].Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The first TNAuthList extension decoded (or the reason it does not decode), or null when there is none.
    /// Decoded once per view: several lint rules read it.
    /// </summary>
    internal DecodedTnAuthList? TnAuthList
    {
        get
        {
            if (_tnAuthList is null)
            {
                CertificateExtension? ext = Find(StirOids.TnAuthList);
                if (ext is null)
                {
                    _tnAuthList = NoTnAuthList;
                }
                else
                {
                    Stir.TnAuthList.TryDecode(ext.Value, out Stir.TnAuthList? list, out StirDecodeException? error);
                    _tnAuthList = new DecodedTnAuthList(ext, list, error);
                }
            }

            return ReferenceEquals(_tnAuthList, NoTnAuthList) ? null : _tnAuthList;
        }
    }

    /// <summary>Decodes a TBSCertificate; throws <see cref="AsnContentException"/> or <see cref="CryptographicException"/> on malformed input.</summary>
    public static TbsCertificateView Parse(ReadOnlyMemory<byte> tbs)
    {
        var outer = new AsnReader(tbs, AsnEncodingRules.DER);
        AsnReader seq = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        int version = 1;
        if (seq.PeekTag() == new Asn1Tag(TagClass.ContextSpecific, 0, true))
        {
            AsnReader v = seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            version = (int)v.ReadInteger() + 1;
            v.ThrowIfNotEmpty();
        }

        byte[] serial = seq.ReadIntegerBytes().ToArray();
        AsnReader alg = seq.ReadSequence();
        string sigAlg = alg.ReadObjectIdentifier();
        bool sigParams = alg.HasData;
        byte[] issuer = seq.ReadEncodedValue().ToArray();
        AsnReader validity = seq.ReadSequence();
        DateTimeOffset notBefore = ReadTime(validity);
        DateTimeOffset notAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        ReadOnlyMemory<byte> subject = seq.ReadEncodedValue();
        ReadOnlyMemory<byte> spki = seq.ReadEncodedValue();
        AsnReader spkiReader = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        AsnReader keyAlg = spkiReader.ReadSequence();
        string keyAlgOid = keyAlg.ReadObjectIdentifier();
        string? curve = keyAlg.HasData && keyAlg.PeekTag() == Asn1Tag.ObjectIdentifier ? keyAlg.ReadObjectIdentifier() : null;

        var extensions = new List<CertificateExtension>();
        while (seq.HasData)
        {
            Asn1Tag tag = seq.PeekTag();
            if (tag == new Asn1Tag(TagClass.ContextSpecific, 3, true))
            {
                AsnReader exts = seq.ReadSequence(tag).ReadSequence();
                while (exts.HasData)
                {
                    extensions.Add(CertificateExtension.Read(exts));
                }
            }
            else
            {
                seq.ReadEncodedValue();
            }
        }

        return new TbsCertificateView
        {
            Version = version,
            SerialNumber = serial,
            SignatureAlgorithm = sigAlg,
            SignatureAlgorithmHasParameters = sigParams,
            IssuerDer = issuer,
            NotBefore = notBefore,
            NotAfter = notAfter,
            SubjectDer = subject.ToArray(),
            Subject = ReadName(subject),
            SubjectPublicKeyInfoDer = spki.ToArray(),
            PublicKeyAlgorithm = keyAlgOid,
            NamedCurve = curve,
            Extensions = extensions,
        };
    }

    /// <summary>The TBSCertificate inside a whole certificate.</summary>
    public static TbsCertificateView ParseCertificate(ReadOnlyMemory<byte> certificate)
    {
        var reader = new AsnReader(certificate, AsnEncodingRules.DER);
        AsnReader cert = reader.ReadSequence();
        return Parse(cert.ReadEncodedValue());
    }

    public BigInteger SerialValue => new(SerialNumber, isUnsigned: false, isBigEndian: true);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag() == Asn1Tag.UtcTime ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    internal static IReadOnlyList<(string Oid, string Value)> ReadName(ReadOnlyMemory<byte> name)
    {
        var list = new List<(string, string)>();
        AsnReader rdns = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
        while (rdns.HasData)
        {
            AsnReader set = rdns.ReadSetOf();
            while (set.HasData)
            {
                AsnReader atv = set.ReadSequence();
                string oid = atv.ReadObjectIdentifier();
                Asn1Tag tag = atv.PeekTag();
                string value = tag.TagClass == TagClass.Universal && tag.TagValue is 12 or 19 or 22 or 20 or 26
                    ? atv.ReadCharacterString((UniversalTagNumber)tag.TagValue)
                    : Convert.ToHexString(atv.ReadEncodedValue().Span);
                list.Add((oid, value));
            }
        }

        return list;
    }
}

public sealed record CertificateExtension(string Oid, bool Critical, byte[] Value)
{
    internal static CertificateExtension Read(AsnReader exts)
    {
        AsnReader ext = exts.ReadSequence();
        string oid = ext.ReadObjectIdentifier();
        bool critical = false;
        if (ext.PeekTag() == Asn1Tag.Boolean)
        {
            critical = ext.ReadBoolean();
        }

        byte[] value = ext.ReadOctetString();
        ext.ThrowIfNotEmpty();
        return new CertificateExtension(oid, critical, value);
    }
}

/// <summary>A TNAuthList extension and the result of decoding its value: the list, or the decoder's error.</summary>
internal sealed record DecodedTnAuthList(CertificateExtension Extension, TnAuthList? List, StirDecodeException? Error);
