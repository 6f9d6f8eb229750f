using System.Security.Cryptography;
using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using TnAcme.Issuance.Signing;

namespace TnAcme.Issuance.Tests.Signing;

/// <summary>PKCS#11-specific behaviour, against the SoftHSM2 token of <see cref="SoftHsmFixture"/>.</summary>
[Collection(SoftHsmCollection.Name)]
public sealed class Pkcs11SignerTests(SoftHsmFixture softHsm)
{
    private const string WrongPin = "wrong-pin-8642";

    [Fact]
    public void Generated_key_is_what_Open_finds()
    {
        using var signer = Pkcs11Signer.Open(softHsm.Options());

        Assert.Equal(SoftHsmFixture.KeyLabel, signer.KeyLabel);
        Assert.Equal(softHsm.Key.KeyIdHex, signer.KeyIdHex);
        Assert.Equal(32, softHsm.Key.KeyIdHex.Length); // 16 random bytes
        Assert.Equal(softHsm.Key.SubjectPublicKeyInfoDer, signer.SubjectPublicKeyInfoDer.ToArray());
    }

    [Fact]
    public async Task Key_can_be_opened_by_CKA_ID_alone()
    {
        using var signer = Pkcs11Signer.Open(softHsm.Options() with { KeyLabel = null, KeyIdHex = softHsm.Key.KeyIdHex });
        var data = Encoding.ASCII.GetBytes("by id");
        Assert.True(SignatureChecks.VerifiesWithDotNet(softHsm.Key.SubjectPublicKeyInfoDer, data, await signer.SignAsync(data)));
    }

    [Fact]
    public void Token_can_be_selected_by_slot_id()
    {
        ulong slotId;
        using (var byLabel = Pkcs11Signer.Open(softHsm.Options()))
        {
            Assert.Equal(SoftHsmFixture.TokenLabel, byLabel.TokenLabel);
            slotId = byLabel.SlotId;
        }

        using var bySlot = Pkcs11Signer.Open(softHsm.Options() with { TokenLabel = null, SlotId = slotId });
        Assert.Equal(softHsm.Key.SubjectPublicKeyInfoDer, bySlot.SubjectPublicKeyInfoDer.ToArray());
    }

    [Fact]
    public void Private_key_is_a_sensitive_non_extractable_P256_signing_token_object()
    {
        var factories = new Pkcs11InteropFactories();
        using var library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, softHsm.LibraryPath, AppType.MultiThreaded);
        var slot = library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == SoftHsmFixture.TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadOnly);
        session.Login(CKU.CKU_USER, SoftHsmFixture.UserPin);

        var template = new List<IObjectAttribute>
        {
            factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, SoftHsmFixture.KeyLabel),
        };
        var key = Assert.Single(session.FindAllObjects(template));
        var attributes = session.GetAttributeValue(key, [
            CKA.CKA_TOKEN, CKA.CKA_PRIVATE, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_SIGN,
            CKA.CKA_KEY_TYPE, CKA.CKA_EC_PARAMS, CKA.CKA_ID, CKA.CKA_ALWAYS_SENSITIVE, CKA.CKA_NEVER_EXTRACTABLE,
        ]);

        Assert.True(attributes[0].GetValueAsBool(), "CKA_TOKEN");
        Assert.True(attributes[1].GetValueAsBool(), "CKA_PRIVATE");
        Assert.True(attributes[2].GetValueAsBool(), "CKA_SENSITIVE");
        Assert.False(attributes[3].GetValueAsBool(), "CKA_EXTRACTABLE");
        Assert.True(attributes[4].GetValueAsBool(), "CKA_SIGN");
        Assert.Equal((ulong)CKK.CKK_EC, attributes[5].GetValueAsUlong());
        Assert.Equal(Convert.FromHexString("06082A8648CE3D030107"), attributes[6].GetValueAsByteArray());
        Assert.Equal(softHsm.Key.KeyIdHex, Convert.ToHexString(attributes[7].GetValueAsByteArray()));
        Assert.True(attributes[8].GetValueAsBool(), "CKA_ALWAYS_SENSITIVE");
        Assert.True(attributes[9].GetValueAsBool(), "CKA_NEVER_EXTRACTABLE");

        // The private value itself must not be readable.
        Assert.True(session.GetAttributeValue(key, [CKA.CKA_VALUE])[0].CannotBeRead, "CKA_VALUE readable");
    }

    [Fact]
    public void Wrong_PIN_fails_clearly_without_revealing_the_PIN()
    {
        var e = Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.Open(softHsm.Options(pin: WrongPin)));

        Assert.Equal(CKR.CKR_PIN_INCORRECT, e.ReturnValue);
        Assert.Contains("PIN was rejected", e.Message, StringComparison.Ordinal);
        Assert.Contains(SoftHsmFixture.TokenLabel, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPin, e.ToString(), StringComparison.Ordinal); // message, inner exceptions, stack
    }

    [Fact]
    public void Wrong_PIN_is_refused_even_while_another_signer_holds_the_token_login()
    {
        // The token itself answers CKR_USER_ALREADY_LOGGED_IN without looking at the PIN here.
        using var loggedIn = Pkcs11Signer.Open(softHsm.Options());

        var e = Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.Open(softHsm.Options(pin: WrongPin)));
        Assert.Equal(CKR.CKR_PIN_INCORRECT, e.ReturnValue);
        Assert.Contains("PIN was rejected", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPin, e.ToString(), StringComparison.Ordinal);

        using var joined = Pkcs11Signer.Open(softHsm.Options());
        Assert.Equal(loggedIn.SubjectPublicKeyInfoDer.ToArray(), joined.SubjectPublicKeyInfoDer.ToArray());
    }

    [Fact]
    public void A_failed_login_does_not_stop_a_later_correct_one()
    {
        Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.Open(softHsm.Options(pin: WrongPin)));
        using var signer = Pkcs11Signer.Open(softHsm.Options());
        Assert.NotNull(signer);
    }

    [Fact]
    public void Missing_key_label_fails_clearly()
    {
        var e = Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.Open(softHsm.Options(keyLabel: "no-such-key")));
        Assert.Contains("No private key label 'no-such-key'", e.Message, StringComparison.Ordinal);
        Assert.Contains(SoftHsmFixture.TokenLabel, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_token_fails_clearly_and_lists_the_tokens_present()
    {
        var e = Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.Open(softHsm.Options() with { TokenLabel = "no-such-token" }));
        Assert.Contains("no token 'no-such-token'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{SoftHsmFixture.TokenLabel}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_module_fails_clearly()
    {
        var e = Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.Open(softHsm.Options() with { LibraryPath = "/nonexistent/libpkcs11.so" }));
        Assert.Contains("/nonexistent/libpkcs11.so", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generating_over_an_existing_label_is_refused()
    {
        var e = Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.GenerateKeyPair(softHsm.Options()));
        Assert.Contains("already holds objects labelled", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_options_nor_signer_print_the_PIN()
    {
        var options = softHsm.Options(pin: WrongPin);
        Assert.DoesNotContain(WrongPin, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Pin = ***", options.ToString(), StringComparison.Ordinal);
        Assert.Contains(SoftHsmFixture.TokenLabel, options.ToString(), StringComparison.Ordinal);

        using var signer = Pkcs11Signer.Open(softHsm.Options());
        Assert.DoesNotContain(SoftHsmFixture.UserPin, signer.ToString(), StringComparison.Ordinal);
        Assert.Contains(SoftHsmFixture.KeyLabel, signer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_token_cancels_SignAsync()
    {
        using var signer = Pkcs11Signer.Open(softHsm.Options());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await signer.SignAsync(new byte[] { 1 }, cts.Token));
    }

    [Fact]
    public async Task A_single_session_serializes_concurrent_signatures()
    {
        using var signer = Pkcs11Signer.Open(softHsm.Options() with { MaxSessions = 1 });
        var inputs = Enumerable.Range(0, 32).Select(i => BitConverter.GetBytes(i)).ToArray();
        var signatures = await Task.WhenAll(inputs.Select(data => Task.Run(async () => await signer.SignAsync(data))));
        Assert.All(
            inputs.Zip(signatures),
            pair => Assert.True(SignatureChecks.VerifiesWithDotNet(signer.SubjectPublicKeyInfoDer, pair.First, pair.Second)));
    }

    [Fact]
    public async Task Two_signers_on_one_token_share_the_module_and_the_login()
    {
        var second = Pkcs11Signer.GenerateKeyPair(softHsm.Options(keyLabel: "tnacme-test-second"));
        Assert.NotEqual(softHsm.Key.KeyIdHex, second.KeyIdHex);
        Assert.NotEqual(softHsm.Key.SubjectPublicKeyInfoDer, second.SubjectPublicKeyInfoDer);

        var data = Encoding.ASCII.GetBytes("two keys");
        using var b = Pkcs11Signer.Open(softHsm.Options(keyLabel: second.KeyLabel));
        using (var a = Pkcs11Signer.Open(softHsm.Options()))
        {
            Assert.True(SignatureChecks.VerifiesWithDotNet(a.SubjectPublicKeyInfoDer, data, await a.SignAsync(data)));
            Assert.True(SignatureChecks.VerifiesWithDotNet(b.SubjectPublicKeyInfoDer, data, await b.SignAsync(data)));
        }

        // Disposing the first neither finalized the module nor logged the token out under the second.
        Assert.True(SignatureChecks.VerifiesWithDotNet(second.SubjectPublicKeyInfoDer, data, await b.SignAsync(data)));
    }

    [Fact]
    public async Task Dispose_during_concurrent_signing_lets_each_call_finish_or_fail_with_ObjectDisposedException()
    {
        var signer = Pkcs11Signer.Open(softHsm.Options());
        var spki = signer.SubjectPublicKeyInfoDer.ToArray();
        var inputs = Enumerable.Range(0, 64).Select(i => BitConverter.GetBytes(i)).ToArray();
        var calls = inputs.Select(data => Task.Run(async () => await signer.SignAsync(data))).ToArray();
        signer.Dispose();

        for (var i = 0; i < calls.Length; i++)
        {
            try
            {
                var signature = await calls[i];
                Assert.True(SignatureChecks.VerifiesWithDotNet(spki, inputs[i], signature));
            }
            catch (ObjectDisposedException)
            {
                // Expected for calls that had not started when Dispose ran.
            }
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await signer.SignAsync(new byte[] { 1 }));
    }

    [Fact]
    public void Options_are_validated_before_touching_the_module()
    {
        Assert.Throws<ArgumentException>(() => Pkcs11Signer.Open(softHsm.Options() with { TokenLabel = null, SlotId = null }));
        Assert.Throws<ArgumentException>(() => Pkcs11Signer.Open(softHsm.Options() with { KeyLabel = null }));
        Assert.Throws<ArgumentException>(() => Pkcs11Signer.Open(softHsm.Options() with { KeyLabel = null, KeyIdHex = "not hex" }));
        Assert.Throws<ArgumentException>(() => Pkcs11Signer.Open(softHsm.Options(pin: "")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pkcs11Signer.Open(softHsm.Options() with { MaxSessions = 0 }));
        Assert.Throws<ArgumentException>(() => Pkcs11Signer.GenerateKeyPair(softHsm.Options() with { KeyLabel = null, KeyIdHex = "00" }));
    }
}
