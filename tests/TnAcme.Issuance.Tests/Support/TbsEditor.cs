using System.Formats.Asn1;
using TnAcme.Issuance.Linting;

namespace TnAcme.Issuance.Tests.Support;

/// <summary>Takes a real TBSCertificate apart so a test can break exactly one thing and put it back together.</summary>
internal sealed class TbsEditor
{
    public TbsEditor(byte[] tbs)
    {
        AsnReader seq = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
        Serial = seq.ReadIntegerBytes().ToArray();
        SignatureAlgorithm = seq.ReadEncodedValue().ToArray();
        Issuer = seq.ReadEncodedValue().ToArray();
        AsnReader validity = seq.ReadSequence();
        NotBefore = validity.ReadUtcTime();
        NotAfter = validity.ReadUtcTime();
        Subject = seq.ReadEncodedValue().ToArray();
        Spki = seq.ReadEncodedValue().ToArray();
        AsnReader exts = seq.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true)).ReadSequence();
        while (exts.HasData)
        {
            AsnReader ext = new AsnReader(exts.ReadEncodedValue(), AsnEncodingRules.DER).ReadSequence();
            string oid = ext.ReadObjectIdentifier();
            bool critical = ext.PeekTag() == Asn1Tag.Boolean && ext.ReadBoolean();
            Extensions.Add(new CertificateExtension(oid, critical, ext.ReadOctetString()));
        }
    }

    public int Version { get; set; } = 2;

    public byte[] Serial { get; set; }

    public byte[] SignatureAlgorithm { get; set; }

    public byte[] Issuer { get; set; }

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    public byte[] Subject { get; set; }

    public byte[] Spki { get; set; }

    public List<CertificateExtension> Extensions { get; } = [];

    public TbsEditor Replace(string oid, Func<CertificateExtension, CertificateExtension> change)
    {
        int i = Extensions.FindIndex(e => e.Oid == oid);
        Extensions[i] = change(Extensions[i]);
        return this;
    }

    public TbsEditor Remove(string oid)
    {
        Extensions.RemoveAll(e => e.Oid == oid);
        return this;
    }

    public TbsEditor Add(string oid, bool critical, byte[] value)
    {
        Extensions.Add(new CertificateExtension(oid, critical, value));
        return this;
    }

    public TbsCertificateView View() => TbsCertificateView.Parse(Encode());

    public byte[] Encode()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
                w.WriteInteger(Version);
            }

            w.WriteInteger(Serial);
            w.WriteEncodedValue(SignatureAlgorithm);
            w.WriteEncodedValue(Issuer);
            using (w.PushSequence())
            {
                w.WriteUtcTime(NotBefore);
                w.WriteUtcTime(NotAfter);
            }

            w.WriteEncodedValue(Subject);
            w.WriteEncodedValue(Spki);
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true)))
            using (w.PushSequence())
            {
                foreach (CertificateExtension e in Extensions)
                {
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(e.Oid);
                        if (e.Critical)
                        {
                            w.WriteBoolean(true);
                        }

                        w.WriteOctetString(e.Value);
                    }
                }
            }
        }

        return w.Encode();
    }
}
