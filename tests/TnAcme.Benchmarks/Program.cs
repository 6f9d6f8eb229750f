using BenchmarkDotNet.Running;

namespace TnAcme.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/TnAcme.Benchmarks -- --filter '*'</c> runs everything;
/// <c>-- --filter '*Leaf*' --job short</c> is a quick pass over the full issuance.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
