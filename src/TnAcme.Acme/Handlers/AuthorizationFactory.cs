using TnAcme.Acme.Problems;
using TnAcme.Acme.Validation;

namespace TnAcme.Acme.Handlers;

/// <summary>New pending authorizations, offering every challenge type that can prove the identifier.</summary>
internal sealed class AuthorizationFactory
{
    private readonly AcmeContext _c;

    public AuthorizationFactory(AcmeContext context) => _c = context;

    public Authorization NewPending(string accountId, AcmeIdentifier identifier, DateTimeOffset now)
    {
        string id = Ids.TimeOrdered(now);
        var challenges = new List<Challenge>();
        foreach (IChallengeValidator validator in _c.Validators.For(identifier))
        {
            challenges.Add(new Challenge
            {
                Id = Ids.ChallengeId(id, challenges.Count),
                Type = validator.Type,
                Token = Ids.Token(),
                Attributes = validator.Attributes(identifier),
                ListAttributes = validator.ListAttributes(identifier),
            });
        }

        if (challenges.Count == 0)
        {
            throw new AcmeProblemException(new AcmeProblem
            {
                Type = AcmeErrorType.RejectedIdentifier,
                Detail = "no challenge type configured here can prove control of this identifier",
                Subproblems = [new AcmeProblem { Type = AcmeErrorType.RejectedIdentifier, Detail = "no challenge available", Identifier = identifier }],
            });
        }

        return new Authorization
        {
            Id = id,
            AccountId = accountId,
            Identifier = identifier,
            Expires = now + _c.Options.PendingAuthorizationLifetime,
            Challenges = challenges,
            CreatedAt = now,
        };
    }
}
