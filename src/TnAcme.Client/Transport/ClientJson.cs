using System.Text.Json.Serialization;
using TnAcme.Client.Resources;

namespace TnAcme.Client.Transport;

/// <summary>Source-generated (reflection-free) JSON for the resources this client reads.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AccountResource))]
[JsonSerializable(typeof(OrderResource))]
[JsonSerializable(typeof(AuthorizationResource))]
[JsonSerializable(typeof(ChallengeResource))]
internal sealed partial class ClientJson : JsonSerializerContext
{
}
