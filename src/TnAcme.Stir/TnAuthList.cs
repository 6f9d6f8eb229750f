using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Text;

namespace TnAcme.Stir;

/// <summary>
/// RFC 8226 TNAuthorizationList ::= SEQUENCE SIZE (1..MAX) OF TNEntry. Immutable; equality is by DER,
/// which is how ACME identifiers, tokens and certificate extensions are compared.
/// </summary>
public sealed class TnAuthList : IEquatable<TnAuthList>
{
    /// <summary>Upper bound on entries accepted from untrusted input.</summary>
    public const int MaxEntries = 10_000;

    private readonly byte[] _der;

    private TnAuthList(ImmutableArray<TnEntry> entries, byte[] der)
    {
        Entries = entries;
        _der = der;
    }

    public ImmutableArray<TnEntry> Entries { get; }

    public IEnumerable<ServiceProviderCode> ServiceProviderCodes => Entries.OfType<SpcEntry>().Select(e => e.Code);

    /// <summary>True when every entry is an SPC (the SHAKEN service-provider certificate shape).</summary>
    public bool IsSpcOnly => Entries.All(e => e is SpcEntry);

    public ReadOnlySpan<byte> Der => _der;

    public byte[] ToDer() => (byte[])_der.Clone();

    public static TnAuthList Create(IEnumerable<TnEntry> entries)
    {
        ImmutableArray<TnEntry> list = [.. entries];
        if (list.IsEmpty)
        {
            throw new StirDecodeException(StirDecodeError.EmptyList, "a TNAuthList must hold at least one entry");
        }

        // Never build what this library would refuse to read back.
        if (list.Length > MaxEntries)
        {
            throw new StirDecodeException(StirDecodeError.LengthTooLarge, $"a TNAuthList may hold at most {MaxEntries} entries here");
        }

        return new TnAuthList(list, Encode(list));
    }

    public static TnAuthList Create(params TnEntry[] entries) => Create((IEnumerable<TnEntry>)entries);

    public static TnAuthList Decode(ReadOnlySpan<byte> der)
    {
        var outer = new DerReader(der);
        ReadOnlySpan<byte> body = outer.ReadTagged(Asn1Tags.Sequence, "TNAuthorizationList");
        outer.ThrowIfNotEmpty("TNAuthorizationList");
        if (body.IsEmpty)
        {
            throw DerReader.Fail(StirDecodeError.EmptyList, "a TNAuthList must hold at least one entry");
        }

        var reader = new DerReader(body);
        ImmutableArray<TnEntry>.Builder entries = ImmutableArray.CreateBuilder<TnEntry>();
        while (reader.HasData)
        {
            if (entries.Count == MaxEntries)
            {
                throw DerReader.Fail(StirDecodeError.LengthTooLarge, $"a TNAuthList may hold at most {MaxEntries} entries here");
            }

            entries.Add(ReadEntry(ref reader));
        }

        return new TnAuthList(entries.ToImmutable(), der.ToArray());
    }

    public static bool TryDecode(ReadOnlySpan<byte> der, out TnAuthList? list, out StirDecodeException? error)
    {
        try
        {
            list = Decode(der);
            error = null;
            return true;
        }
        catch (StirDecodeException e)
        {
            list = null;
            error = e;
            return false;
        }
    }

    private static TnEntry ReadEntry(ref DerReader reader)
    {
        byte tag = reader.PeekTag();
        switch (tag)
        {
            case Asn1Tags.ContextConstructed0:
                {
                    var inner = new DerReader(reader.ReadTagged(tag, "spc entry"));
                    string code = inner.ReadIA5String("ServiceProviderCode");
                    inner.ThrowIfNotEmpty("ServiceProviderCode");
                    return new SpcEntry(ServiceProviderCode.Parse(code));
                }

            case Asn1Tags.ContextConstructed1:
                {
                    var inner = new DerReader(reader.ReadTagged(tag, "range entry"));
                    var seq = new DerReader(inner.ReadTagged(Asn1Tags.Sequence, "TelephoneNumberRange"));
                    inner.ThrowIfNotEmpty("range entry");
                    TelephoneNumber start = TelephoneNumber.Parse(seq.ReadIA5String("range start"));
                    System.Numerics.BigInteger count = seq.ReadInteger("range count");

                    // The type is extensible (...); DER from a known encoder has nothing more, and accepting unknown
                    // members here would let two different DER encodings mean the same range.
                    seq.ThrowIfNotEmpty("TelephoneNumberRange");
                    return new RangeEntry(TelephoneNumberRange.Create(start, count));
                }

            case Asn1Tags.ContextConstructed2:
                {
                    var inner = new DerReader(reader.ReadTagged(tag, "one entry"));
                    TelephoneNumber number = TelephoneNumber.Parse(inner.ReadIA5String("TelephoneNumber"));
                    inner.ThrowIfNotEmpty("one entry");
                    return new OneEntry(number);
                }

            default:
                throw DerReader.Fail(StirDecodeError.UnexpectedTag, $"tag 0x{tag:X2} is not a TNEntry ([0] spc, [1] range or [2] one)");
        }
    }

    private static byte[] Encode(ImmutableArray<TnEntry> entries)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (TnEntry entry in entries)
            {
                WriteEntry(writer, entry);
            }
        }

        return writer.Encode();
    }

    private static void WriteEntry(AsnWriter writer, TnEntry entry)
    {
        switch (entry)
        {
            case SpcEntry spc:
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, spc.Code.Value);
                }

                break;
            case RangeEntry range:
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteCharacterString(UniversalTagNumber.IA5String, range.Range.Start.Value);
                        writer.WriteInteger(range.Range.Count);
                    }
                }

                break;
            case OneEntry one:
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                {
                    writer.WriteCharacterString(UniversalTagNumber.IA5String, one.Number.Value);
                }

                break;
            default:
                throw new ArgumentException($"unknown TNEntry {entry.GetType().Name}", nameof(entry));
        }
    }

    public bool Equals(TnAuthList? other) => other is not null && _der.AsSpan().SequenceEqual(other._der);

    public override bool Equals(object? obj) => Equals(obj as TnAuthList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_der);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (TnEntry e in Entries)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(e);
        }

        return sb.ToString();
    }
}
