using System.Collections.Concurrent;

namespace TnAcme.Client.Tests.Support;

/// <summary>Collects progress messages synchronously, in order.</summary>
public sealed class RecordingProgress : IProgress<string>
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public void Report(string value) => _messages.Enqueue(value);
}
