namespace TnAcme.Stir;

/// <summary>Why a STIR structure could not be decoded. Every hostile input maps to one of these.</summary>
public enum StirDecodeError
{
    Truncated,
    TrailingData,
    UnexpectedTag,
    IndefiniteLength,
    NonMinimalLength,
    LengthTooLarge,
    NonDerEncoding,
    EmptyList,
    InvalidTelephoneNumber,
    InvalidServiceProviderCode,
    InvalidRangeCount,
    RangeOverflow,
    InvalidString,
    InvalidInteger,
    InvalidBase64,
    MissingComponent,
    InvalidClaimName,
}
