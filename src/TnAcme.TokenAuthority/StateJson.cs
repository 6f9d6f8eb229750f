using System.Text.Json;
using System.Text.Json.Serialization;

namespace TnAcme.TokenAuthority;

/// <summary>How state files are written: camelCase, indented (operators read them), no nulls.</summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowDuplicateProperties = false,
    };
}
