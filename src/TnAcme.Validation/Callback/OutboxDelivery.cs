using System.Text.Json;
using System.Text.Json.Serialization;

namespace TnAcme.Validation.Callback;

/// <summary>
/// Development delivery: appends each message as one JSON line to a file (mode 0600) that the operator, or a test,
/// reads with <c>tnacme callback outbox</c>. Nothing reaches a telephone, so it proves nothing about the number:
/// never use it in production.
/// </summary>
public sealed class OutboxDelivery : ICallbackDelivery
{
    private readonly string _path;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public OutboxDelivery(string path) => _path = path;

    public string Name => "outbox";

    public IReadOnlyCollection<string> Channels => TnCallbackOptions.KnownChannels;

    public async Task DeliverAsync(CallbackMessage message, CancellationToken cancellationToken)
    {
        string line = JsonSerializer.Serialize(OutboxEntry.Of(message), OutboxJson.Default.OutboxEntry) + "\n";
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(_path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                await using (new FileStream(_path, options))
                {
                }
            }

            await File.AppendAllTextAsync(_path, line, cancellationToken);
        }
        catch (IOException e)
        {
            throw new CallbackDeliveryException($"cannot write the outbox: {e.Message}", retryable: true, e);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Every message recorded so far, oldest first (an absent file is an empty outbox).</summary>
    public static async Task<IReadOnlyList<OutboxEntry>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<OutboxEntry>();
        foreach (string line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (line.Length > 0 && JsonSerializer.Deserialize(line, OutboxJson.Default.OutboxEntry) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}

/// <summary>One line of the outbox: the message as a webhook would receive it.</summary>
public sealed record OutboxEntry
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("number")]
    public required string Number { get; init; }

    [JsonPropertyName("channel")]
    public required string Channel { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("expires")]
    public required DateTimeOffset Expires { get; init; }

    public static OutboxEntry Of(CallbackMessage m) =>
        new() { Id = m.Id, Number = m.Number, Channel = m.Channel, Text = m.Text, Code = m.Code, Expires = m.Expires };
}

[JsonSerializable(typeof(OutboxEntry))]
internal sealed partial class OutboxJson : JsonSerializerContext;
