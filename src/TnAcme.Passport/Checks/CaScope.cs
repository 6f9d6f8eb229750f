using TnAcme.Stir;

namespace TnAcme.Passport.Checks;

/// <summary>
/// A CA certificate above the signer and the TNAuthList that limits what it vouches for (RFC 8226 §9): none,
/// a decoded list, or an extension that could not be decoded (<see cref="DecodeError"/>).
/// </summary>
internal sealed record CaScope(string Subject, TnAuthList? TnAuthList, string? DecodeError);
