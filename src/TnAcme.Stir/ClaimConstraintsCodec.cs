using System.Collections.Immutable;
using System.Formats.Asn1;

namespace TnAcme.Stir;

/// <summary>The DER shared by RFC 8226 JWTClaimConstraints and RFC 9118 EnhancedJWTClaimConstraints (EXPLICIT tags).</summary>
internal static class ClaimConstraintsCodec
{
    public const int MaxItems = 1_000;

    public static string ValidateClaimName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 256 || name.AsSpan().ContainsAnyExceptInRange((char)0x20, (char)0x7E))
        {
            throw new StirDecodeException(StirDecodeError.InvalidClaimName, "a JWT claim name must be 1 to 256 printable ASCII characters");
        }

        return name;
    }

    public static ImmutableArray<string> NamesOrDefault(IEnumerable<string>? names, string what)
    {
        if (names is null)
        {
            return default;
        }

        ImmutableArray<string> list = [.. names.Select(ValidateClaimName)];
        if (list.IsEmpty)
        {
            throw new StirDecodeException(StirDecodeError.EmptyList, $"{what}, when present, must name at least one claim");
        }

        Limit(list.Length - 1, what);

        return list;
    }

    public static ImmutableArray<JwtClaimValues> ValuesOrDefault(IEnumerable<JwtClaimValues>? values)
    {
        if (values is null)
        {
            return default;
        }

        ImmutableArray<JwtClaimValues> list = [.. values];
        if (list.IsEmpty)
        {
            throw new StirDecodeException(StirDecodeError.EmptyList, "permittedValues, when present, must hold at least one claim");
        }

        Limit(list.Length - 1, "permittedValues");

        return list;
    }

    public static byte[] Encode(ImmutableArray<string> mustInclude, ImmutableArray<JwtClaimValues> permitted, ImmutableArray<string> mustExclude)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (!mustInclude.IsDefault)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    WriteNames(writer, mustInclude);
                }
            }

            if (!permitted.IsDefault)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                using (writer.PushSequence())
                {
                    foreach (JwtClaimValues entry in permitted)
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteCharacterString(UniversalTagNumber.IA5String, entry.Claim);
                            using (writer.PushSequence())
                            {
                                foreach (string value in entry.Values)
                                {
                                    writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
                                }
                            }
                        }
                    }
                }
            }

            if (!mustExclude.IsDefault)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                {
                    WriteNames(writer, mustExclude);
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteNames(AsnWriter writer, ImmutableArray<string> names)
    {
        using (writer.PushSequence())
        {
            foreach (string name in names)
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, name);
            }
        }
    }

    public static (ImmutableArray<string> Include, ImmutableArray<JwtClaimValues> Permitted, ImmutableArray<string> Exclude) Decode(
        ReadOnlySpan<byte> der, bool allowMustExclude, string what)
    {
        var outer = new DerReader(der);
        var body = new DerReader(outer.ReadTagged(Asn1Tags.Sequence, what));
        outer.ThrowIfNotEmpty(what);

        ImmutableArray<string> include = default;
        ImmutableArray<JwtClaimValues> permitted = default;
        ImmutableArray<string> exclude = default;

        if (body.HasData && body.PeekTag() == Asn1Tags.ContextConstructed0)
        {
            var inner = new DerReader(body.ReadTagged(Asn1Tags.ContextConstructed0, "mustInclude"));
            include = ReadNames(ref inner, "mustInclude");
        }

        if (body.HasData && body.PeekTag() == Asn1Tags.ContextConstructed1)
        {
            var inner = new DerReader(body.ReadTagged(Asn1Tags.ContextConstructed1, "permittedValues"));
            var list = new DerReader(inner.ReadTagged(Asn1Tags.Sequence, "permittedValues list"));
            inner.ThrowIfNotEmpty("permittedValues");
            ImmutableArray<JwtClaimValues>.Builder values = ImmutableArray.CreateBuilder<JwtClaimValues>();
            while (list.HasData)
            {
                Limit(values.Count, "permittedValues");
                var entry = new DerReader(list.ReadTagged(Asn1Tags.Sequence, "permitted claim"));
                string claim = entry.ReadIA5String("claim name");
                var valueList = new DerReader(entry.ReadTagged(Asn1Tags.Sequence, "permitted values"));
                entry.ThrowIfNotEmpty("permitted claim");
                var strings = new List<string>();
                while (valueList.HasData)
                {
                    Limit(strings.Count, "permitted values");
                    strings.Add(valueList.ReadUtf8String("permitted value"));
                }

                values.Add(new JwtClaimValues(claim, strings));
            }

            if (values.Count == 0)
            {
                throw DerReader.Fail(StirDecodeError.EmptyList, "permittedValues is an empty list");
            }

            permitted = values.ToImmutable();
        }

        if (allowMustExclude && body.HasData && body.PeekTag() == Asn1Tags.ContextConstructed2)
        {
            var inner = new DerReader(body.ReadTagged(Asn1Tags.ContextConstructed2, "mustExclude"));
            exclude = ReadNames(ref inner, "mustExclude");
        }

        if (body.HasData)
        {
            throw DerReader.Fail(StirDecodeError.UnexpectedTag, $"tag 0x{body.PeekTag():X2} is not a member of {what} here (wrong tag, order or duplicate)");
        }

        if (include.IsDefault && permitted.IsDefault && exclude.IsDefault)
        {
            throw DerReader.Fail(StirDecodeError.MissingComponent, $"{what} has none of its members");
        }

        return (include, permitted, exclude);
    }

    private static ImmutableArray<string> ReadNames(ref DerReader tagged, string what)
    {
        var list = new DerReader(tagged.ReadTagged(Asn1Tags.Sequence, what));
        tagged.ThrowIfNotEmpty(what);
        ImmutableArray<string>.Builder names = ImmutableArray.CreateBuilder<string>();
        while (list.HasData)
        {
            Limit(names.Count, what);
            names.Add(ValidateClaimName(list.ReadIA5String("claim name")));
        }

        if (names.Count == 0)
        {
            throw DerReader.Fail(StirDecodeError.EmptyList, $"{what} is an empty list");
        }

        return names.ToImmutable();
    }

    internal static void Limit(int count, string what)
    {
        if (count >= MaxItems)
        {
            throw DerReader.Fail(StirDecodeError.LengthTooLarge, $"{what} holds more than {MaxItems} items");
        }
    }
}
