using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>Keeps every log line the host writes (ASP.NET's own included), so tests can look for leaked secrets.</summary>
public sealed class CapturingLogger : ILoggerProvider, ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(formatter(state, exception) + exception);

    public void Dispose()
    {
    }
}
