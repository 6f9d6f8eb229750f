#!/usr/bin/python3
"""Drives a complete TNAuthList + tkauth-01 issuance with EAB through Debian's python3-acme (certbot's library).

python3-acme knows nothing of TNAuthList or tkauth-01; as standards digest §12 measured, registering the identifier
type and the challenge/response classes is all it takes. Everything else is the library's stock code path.
Arguments: directory ca_bundle account_key_pem eab_kid eab_hmac identifier_b64url token csr_pem out_chain
"""
import datetime
import sys

import josepy as jose
from acme import challenges, client, messages
from cryptography.hazmat.primitives import serialization

(directory_url, ca_bundle, account_key_pem, eab_kid, eab_hmac,
 identifier_value, token, csr_pem_path, out_chain) = sys.argv[1:10]

TNAUTHLIST = messages.IdentifierType('TNAuthList')


@challenges.Challenge.register
class TkAuth01(challenges.Challenge):
    typ = 'tkauth-01'
    tkauth_type: str = jose.field('tkauth-type', omitempty=True)
    token_authority: str = jose.field('token-authority', omitempty=True)
    token: str = jose.field('token', omitempty=True)


@challenges.ChallengeResponse.register
class TkAuth01Response(challenges.ChallengeResponse):
    typ = 'tkauth-01'
    tkauth: str = jose.field('tkauth')


key = serialization.load_pem_private_key(open(account_key_pem, 'rb').read(), password=None)
account_key = jose.JWKEC(key=key)
net = client.ClientNetwork(account_key, alg=jose.ES256, user_agent='tnacme-interop/python3-acme', verify_ssl=ca_bundle)
directory = client.ClientV2.get_directory(directory_url, net)
acme = client.ClientV2(directory, net)
assert acme.external_account_required(), 'the directory must advertise externalAccountRequired'

eab = messages.ExternalAccountBinding.from_data(
    account_public_key=account_key.public_key(), kid=eab_kid, hmac_key=eab_hmac, directory=directory)
regr = acme.new_account(messages.NewRegistration.from_data(
    email='pki@carrier.example', terms_of_service_agreed=True, external_account_binding=eab))
print('account', regr.uri, regr.body.status)

# ClientV2.new_order derives dns/ip identifiers from the CSR, so post the TNAuthList order directly.
order = messages.NewOrder(identifiers=[messages.Identifier(typ=TNAUTHLIST, value=identifier_value)])
response = acme._post(directory['newOrder'], order)  # pylint: disable=protected-access
body = messages.Order.from_json(response.json())
authorizations = [acme._authzr_from_response(acme._post_as_get(url), uri=url)  # pylint: disable=protected-access
                  for url in body.authorizations]
csr_pem = open(csr_pem_path, 'rb').read()
orderr = messages.OrderResource(body=body, uri=response.headers.get('Location'),
                                authorizations=authorizations, csr_pem=csr_pem)
print('order', orderr.uri, body.status.name)

for authzr in orderr.authorizations:
    challb = next(c for c in authzr.body.challenges if isinstance(c.chall, TkAuth01))
    assert challb.chall.tkauth_type == 'atc', challb.chall.tkauth_type
    acme.answer_challenge(challb, TkAuth01Response(tkauth=token))

deadline = datetime.datetime.now() + datetime.timedelta(seconds=60)
orderr = acme.poll_and_finalize(orderr, deadline)
print('status', orderr.body.status.name)
open(out_chain, 'w').write(orderr.fullchain_pem)
print('certificate', orderr.body.certificate)
