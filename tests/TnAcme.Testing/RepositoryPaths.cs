namespace TnAcme.Testing;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Profiles => Path.Combine(Root, "ca-config", "profiles");

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "TnAcme.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("TnAcme.sln not found above the test binaries");
    }
}
