using System.CommandLine;
using TnAcme.Issuance.Hierarchy;

namespace TnAcme.Cli;

/// <summary>Options every verb that touches CA state shares, and where their defaults come from.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "CA state folder (default: $TNACME_DATA_DIR, else $XDG_DATA_HOME/tnacme, else ~/.local/share/tnacme)",
        Recursive = true,
    };

    public static readonly Option<string?> ConfigDir = new("--config-dir")
    {
        Description = "Configuration folder with profiles/ and hierarchy.json (default: $TNACME_CONFIG_DIR, else the ca-config shipped beside tnacme)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON to standard output",
        Recursive = true,
    };

    public static CaDataFolder Folder(ParseResult result) =>
        new(result.GetValue(DataDir) ?? CaDataFolder.DefaultPath());

    public static string ConfigDirectory(ParseResult result)
    {
        string? explicitDir = result.GetValue(ConfigDir) ?? Environment.GetEnvironmentVariable("TNACME_CONFIG_DIR");
        return string.IsNullOrEmpty(explicitDir) ? Path.Combine(AppContext.BaseDirectory, "ca-config") : explicitDir;
    }
}
