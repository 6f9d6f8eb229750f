namespace TnAcme.Cli.Audit;

/// <summary>How the auditor verbs turn their failures into exit codes and messages, in one place.</summary>
internal static class AuditErrors
{
    public static async Task<int> GuardAsync(bool json, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (AuditUsageException e)
        {
            return CliOutput.Error(json, ExitCodes.Usage, e.Message);
        }
        catch (AuditServerException e)
        {
            return CliOutput.Error(json, ExitCodes.ServerRefused, e.Message);
        }
        catch (HttpRequestException e)
        {
            return CliOutput.Error(json, ExitCodes.Network, "the server could not be reached: " + e.Message);
        }
    }
}
