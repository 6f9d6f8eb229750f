using System.Text;
using System.Text.Json;
using TnAcme.Client.Issuance;
using TnAcme.Stir;

namespace TnAcme.Client.State;

/// <summary>
/// One certificate and its renewals, in one folder: <c>key.pem</c> (0600), <c>chain.pem</c> (end-entity first) and
/// <c>certificate.json</c> (<see cref="CertificateRecord"/>). A renewal replaces the key and the chain in place, so
/// whatever points at the files picks up the new certificate.
/// </summary>
public sealed class CertificateLineage
{
    public const string KeyFile = "key.pem";
    public const string ChainFile = "chain.pem";
    public const string RecordFile = "certificate.json";

    public CertificateLineage(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string KeyPath => Path.Combine(Directory, KeyFile);

    public string ChainPath => Path.Combine(Directory, ChainFile);

    public string RecordPath => Path.Combine(Directory, RecordFile);

    public bool Exists => File.Exists(RecordPath);

    /// <summary>The lineage a chain file belongs to: its folder.</summary>
    public static CertificateLineage OfChainFile(string chainPath) => new(Path.GetDirectoryName(Path.GetFullPath(chainPath))!);

    /// <summary>A folder name from the TNAuthList, e.g. <c>spc-1234</c>, <c>tn-12025550100</c>, <c>range-12025550100+100</c>.</summary>
    public static string DefaultName(TnAuthList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        string name = string.Join("_", list.Entries.Select(e => e switch
        {
            SpcEntry spc => "spc-" + spc.Code.Value,
            OneEntry one => "tn-" + one.Number.Value,
            RangeEntry range => "range-" + range.Range,
            _ => "entry",
        }));
        var safe = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' ? c : '-');
        }

        // Long lists would make unwieldy paths: keep a readable head and make it unique with a digest.
        return safe.Length <= 64
            ? safe.ToString()
            : safe.ToString(0, 48) + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(list.Der))[..12];
    }

    public async Task<CertificateRecord?> LoadRecordAsync(CancellationToken ct)
    {
        if (!File.Exists(RecordPath))
        {
            return null;
        }

        await using FileStream stream = File.OpenRead(RecordPath);
        return await JsonSerializer.DeserializeAsync(stream, StateJson.Default.CertificateRecord, ct);
    }

    public Task SaveRecordAsync(CertificateRecord record, CancellationToken ct) =>
        StateFiles.WritePublicAsync(RecordPath, JsonSerializer.Serialize(record, StateJson.Default.CertificateRecord) + "\n", ct);

    /// <summary>Writes the key (0600), then the chain, then the record: each atomically.</summary>
    public async Task SaveAsync(IssuedCertificate issued, CertificateRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issued);
        await StateFiles.WritePrivateAsync(KeyPath, issued.PrivateKeyPem + "\n", ct);
        await StateFiles.WritePublicAsync(ChainPath, issued.ChainPem.EndsWith('\n') ? issued.ChainPem : issued.ChainPem + "\n", ct);
        await SaveRecordAsync(record, ct);
    }
}
