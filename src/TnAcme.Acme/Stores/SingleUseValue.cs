namespace TnAcme.Acme.Stores;

/// <summary>
/// A value a proof may use only once (an Authority Token's jti, scoped by its signer's key), remembered until
/// <paramref name="KeepUntil"/>, after which the proof is refused as expired anyway.
/// </summary>
public sealed record SingleUseValue(string Scope, string Value, DateTimeOffset KeepUntil);
