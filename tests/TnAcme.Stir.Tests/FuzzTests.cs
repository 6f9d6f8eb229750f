using TnAcme.Stir.Tests.Support;

namespace TnAcme.Stir.Tests;

/// <summary>
/// Random and mutated input for every decoder. Each must either succeed, and then re-encode to exactly the input
/// (DER and unpadded base64url are canonical), or throw <see cref="StirDecodeException"/>; any other exception,
/// or a non-canonical acceptance, fails the test with the offending input.
/// </summary>
public class FuzzTests
{
    private const int RandomCount = 5_000;
    private const int MutationCount = 20_000;

    private delegate StirDecodeError? ByteDecoder(byte[] input);

    private delegate StirDecodeError? TextDecoder(string input);

    private static StirDecodeError? DecodeTnAuthList(byte[] input)
    {
        TnAuthList list;
        try
        {
            list = TnAuthList.Decode(input);
        }
        catch (StirDecodeException e)
        {
            Assert.False(TnAuthList.TryDecode(input, out _, out StirDecodeException? again));
            Assert.Equal(e.Error, again!.Error);
            return e.Error;
        }

        Assert.Equal(input, TnAuthList.Create(list.Entries).ToDer());
        Assert.True(TnAuthList.TryDecode(input, out TnAuthList? same, out _));
        Assert.Equal(list, same);
        return null;
    }

    private static StirDecodeError? DecodeJwt(byte[] input)
    {
        try
        {
            Assert.Equal(input, JwtClaimConstraints.Decode(input).Encode());
            return null;
        }
        catch (StirDecodeException e)
        {
            return e.Error;
        }
    }

    private static StirDecodeError? DecodeEnhanced(byte[] input)
    {
        try
        {
            Assert.Equal(input, EnhancedJwtClaimConstraints.Decode(input).Encode());
            return null;
        }
        catch (StirDecodeException e)
        {
            return e.Error;
        }
    }

    private static ByteDecoder ByteDecoderNamed(string name) => name switch
    {
        "TnAuthList" => DecodeTnAuthList,
        "JwtClaimConstraints" => DecodeJwt,
        "EnhancedJwtClaimConstraints" => DecodeEnhanced,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static IReadOnlyList<byte[]> SeedsFor(string name) =>
        name == "TnAuthList" ? Vectors.TnAuthLists : Vectors.ClaimConstraints;

    private static StirDecodeError? Run(string decoder, ByteDecoder decode, byte[] input)
    {
        try
        {
            return decode(input);
        }
        catch (Exception e)
        {
            Assert.Fail($"{decoder} on {Convert.ToHexString(input)}: {e}");
            throw;
        }
    }

    private static StirDecodeError? Run(string decoder, TextDecoder decode, string input)
    {
        try
        {
            return decode(input);
        }
        catch (Exception e)
        {
            Assert.Fail($"{decoder} on \"{input}\" ({Convert.ToHexString(System.Text.Encoding.UTF32.GetBytes(input))}): {e}");
            throw;
        }
    }

    public static TheoryData<string, int> ByteDecoders => new()
    {
        { "TnAuthList", 1 },
        { "TnAuthList", 2 },
        { "JwtClaimConstraints", 1 },
        { "EnhancedJwtClaimConstraints", 1 },
        { "EnhancedJwtClaimConstraints", 2 },
    };

    [Theory]
    [MemberData(nameof(ByteDecoders))]
    public void Random_bytes_never_escape_as_another_exception(string decoder, int seed)
    {
        ByteDecoder decode = ByteDecoderNamed(decoder);
        var mutator = new Mutator(seed);
        int rejected = 0;
        for (int i = 0; i < RandomCount; i++)
        {
            if (Run(decoder, decode, mutator.RandomBytes(64)) is not null)
            {
                rejected++;
            }

            if (Run(decoder, decode, mutator.RandomFramed(64)) is not null)
            {
                rejected++;
            }
        }

        // Uniform noise is almost never a valid encoding; if it were, the decoder would be far too lax.
        Assert.True(rejected > RandomCount * 19 / 10, $"only {rejected} of {2 * RandomCount} random inputs were rejected");
    }

    [Theory]
    [MemberData(nameof(ByteDecoders))]
    public void Mutated_vectors_decode_canonically_or_fail_typed(string decoder, int seed)
    {
        ByteDecoder decode = ByteDecoderNamed(decoder);
        IReadOnlyList<byte[]> seeds = SeedsFor(decoder);
        var mutator = new Mutator(seed);
        int accepted = 0;
        var errors = new HashSet<StirDecodeError>();
        for (int i = 0; i < MutationCount; i++)
        {
            byte[] input = mutator.Mutate(seeds[i % seeds.Count], seeds);
            if (Run(decoder, decode, input) is StirDecodeError error)
            {
                errors.Add(error);
            }
            else
            {
                accepted++;
            }
        }

        // The mutations must reach past the outer framing: some survive (changed digits, letters), and the
        // rejections come from several layers of the decoder.
        Assert.InRange(accepted, 1, MutationCount - 1);
        Assert.True(errors.Count >= 6, $"only {string.Join(", ", errors)} were seen");
    }

    private static StirDecodeError? DecodeBase64Url(string input)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.Decode(input);
        }
        catch (StirDecodeException e)
        {
            Assert.Equal(StirDecodeError.InvalidBase64, e.Error);
            Assert.False(Base64Url.TryDecode(input, out _));
            return e.Error;
        }

        Assert.Equal(input, Base64Url.Encode(bytes));
        return null;
    }

    private static StirDecodeError? DecodeIdentifier(string input)
    {
        TnAuthList list;
        try
        {
            list = TnAuthListIdentifier.Decode(input);
        }
        catch (StirDecodeException e)
        {
            return e.Error;
        }

        Assert.Equal(input, TnAuthListIdentifier.Encode(list));
        return null;
    }

    private static StirDecodeError? DecodeTolerant(string input)
    {
        TnAuthList list;
        try
        {
            list = TnAuthListIdentifier.DecodeTolerant(input);
        }
        catch (StirDecodeException e)
        {
            Assert.False(TnAuthListIdentifier.DerEquals(input, input));
            return e.Error;
        }

        // The only freedom the tolerant form has is padding and the standard alphabet.
        Assert.Equal(input.TrimEnd('=').Replace('+', '-').Replace('/', '_'), TnAuthListIdentifier.Encode(list));
        Assert.True(TnAuthListIdentifier.DerEquals(input, TnAuthListIdentifier.Encode(list)));
        return null;
    }

    private static TextDecoder TextDecoderNamed(string name) => name switch
    {
        "Base64Url.Decode" => DecodeBase64Url,
        "TnAuthListIdentifier.Decode" => DecodeIdentifier,
        "TnAuthListIdentifier.DecodeTolerant" => DecodeTolerant,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static readonly string[] TextSeeds =
    [
        Vectors.SpcB64Url, Vectors.RangeB64Url, Vectors.OneB64Url, Vectors.AllB64Url,
        "MAigBhYEODE4SA==", "MAigBhYEMjgxSw==", Convert.ToBase64String(Vectors.Range), Convert.ToBase64String(Vectors.All),
    ];

    public static TheoryData<string> TextDecoders =>
        ["Base64Url.Decode", "TnAuthListIdentifier.Decode", "TnAuthListIdentifier.DecodeTolerant"];

    [Theory]
    [MemberData(nameof(TextDecoders))]
    public void Random_and_mutated_text_decodes_canonically_or_fails_typed(string decoder)
    {
        TextDecoder decode = TextDecoderNamed(decoder);
        var mutator = new Mutator(7);
        int accepted = 0, rejected = 0;
        for (int i = 0; i < MutationCount; i++)
        {
            string input = i % 2 == 0 ? mutator.RandomText(48) : mutator.MutateText(TextSeeds[i / 2 % TextSeeds.Length]);
            if (Run(decoder, decode, input) is null)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        Assert.True(accepted > 0, "no input was accepted");
        Assert.True(rejected > 0, "no input was rejected");
    }
}
