using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TnAcme.Log.Tests;

/// <summary>Runs rfc9162_check.py (/usr/bin/python3, hashlib only): an implementation of RFC 9162 that shares no code with ours.</summary>
public static class PythonPeer
{
    public static async Task<(int Exit, string Output)> CheckAsync(JsonObject job)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rfc9162_check.py"));
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(job.ToJsonString());
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
