namespace TnAcme.Acme.Stores;

/// <summary>Single-use values that must survive restarts and be shared by every node (Authority Token jti).</summary>
public interface IReplayStore
{
    /// <summary>Records <paramref name="value"/>; false when it was recorded before.</summary>
    Task<bool> TryRecordAsync(string scope, string value, DateTimeOffset keepUntil, CancellationToken cancellationToken);
}
