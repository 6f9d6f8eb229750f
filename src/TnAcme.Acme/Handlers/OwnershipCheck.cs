using TnAcme.Acme.Problems;

namespace TnAcme.Acme.Handlers;

internal static class OwnershipCheck
{
    /// <summary>Resources are visible only to their account; others get 404, so ids cannot be probed.</summary>
    public static T OwnedBy<T>(this T? resource, string accountId, Func<T, string> owner, string what)
        where T : class =>
        resource is not null && owner(resource) == accountId ? resource : throw new AcmeProblemException(AcmeProblem.NotFound(what));
}
