using TnAcme.Validation.Callback;

namespace TnAcme.Validation.Tests.Callback;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task Messages_are_appended_as_json_lines_in_a_file_only_the_owner_reads()
    {
        string dir = Path.Combine(Path.GetTempPath(), "tnacme-outbox-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(dir, "callback-outbox.jsonl");
        try
        {
            var outbox = new OutboxDelivery(path);
            var expires = new DateTimeOffset(2026, 11, 27, 12, 10, 0, TimeSpan.Zero);
            await outbox.DeliverAsync(new CallbackMessage("1", "12025550123", "sms", "code 11111111", "11111111", expires), CancellationToken.None);
            await outbox.DeliverAsync(new CallbackMessage("2", "12025550124", "voice", "code 22222222", "22222222", expires), CancellationToken.None);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            IReadOnlyList<OutboxEntry> entries = await OutboxDelivery.ReadAsync(path, CancellationToken.None);
            Assert.Equal(["11111111", "22222222"], entries.Select(e => e.Code).ToArray());
            Assert.Equal("voice", entries[1].Channel);
            Assert.Equal(expires, entries[0].Expires);
            Assert.Empty(await OutboxDelivery.ReadAsync(Path.Combine(dir, "none.jsonl"), CancellationToken.None));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
