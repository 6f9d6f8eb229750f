using System.CommandLine;
using TnAcme.Stir;
using TnAcme.TokenAuthority;
using TnAcme.TokenAuthority.Grants;

namespace TnAcme.Cli.Commands;

/// <summary>`ta grant` and `ta revoke`: the same entry options, adding or removing whole grants.</summary>
internal static class TaGrantCommand
{
    public static Command Grant() => Create(grant: true);

    public static Command Revoke() => Create(grant: false);

    private static Command Create(bool grant)
    {
        var account = new Option<string>("--account") { Description = "Account id", Required = true };
        var mayDelegate = new Option<bool>("--may-delegate") { Description = "These entries may be delegated (tokens with ca: true)" };
        var entries = new TnEntryOptions();
        var command = grant
            ? new Command("grant", "Grant SPCs, numbers and ranges to an account; a running token authority applies them at once") { account, mayDelegate }
            : new Command("revoke", "Withdraw grants from an account, whole, as 'tnacme ta list' shows them") { account };
        entries.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            bool json = result.GetValue(CliOptions.Json);
            List<TnEntry> list;
            try
            {
                list = entries.Read(result);
            }
            catch (StirDecodeException e)
            {
                return CliOutput.Error(json, ExitCodes.InvalidInput, e.Message);
            }

            if (list.Count == 0)
            {
                return CliOutput.Error(json, ExitCodes.Usage, "name at least one --spc, --tn or --range");
            }

            try
            {
                TokenAuthorityAdmin admin = TaState.Admin(result);
                string id = result.GetValue(account)!;
                TaAccount changed = grant
                    ? await admin.GrantAsync(id, list, result.GetValue(mayDelegate), cancellationToken)
                    : await admin.RevokeAsync(id, list, cancellationToken);
                CliOutput.Result(json, TaState.Json(changed), TaState.Text(changed));
                return ExitCodes.Success;
            }
            catch (TokenAuthorityAdminException e)
            {
                return CliOutput.Error(json, ExitCodes.State, e.Message);
            }
        });
        return command;
    }
}
