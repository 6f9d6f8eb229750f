namespace TnAcme.Cli.Client;

/// <summary>A client verb cannot go on for a reason the operator must fix; carries the exit code to end with.</summary>
internal sealed class ClientFailure : Exception
{
    public ClientFailure(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    public static ClientFailure Usage(string message) => new(ExitCodes.Usage, message);

    public static ClientFailure State(string message) => new(ExitCodes.State, message);

    public static ClientFailure InvalidInput(string message) => new(ExitCodes.InvalidInput, message);
}
