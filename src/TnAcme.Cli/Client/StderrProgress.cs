namespace TnAcme.Cli.Client;

/// <summary>
/// Progress to standard error, written at once: <see cref="Progress{T}"/> would post to the thread pool and could
/// print out of order or after the result. Standard output stays clean for --json.
/// </summary>
internal sealed class StderrProgress : IProgress<string>
{
    public static StderrProgress Instance { get; } = new();

    public void Report(string value) => Console.Error.WriteLine($"tnacme: {value}");
}
