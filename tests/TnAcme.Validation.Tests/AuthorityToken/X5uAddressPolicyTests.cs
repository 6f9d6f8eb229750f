using System.Net;
using TnAcme.Validation.AuthorityToken;

namespace TnAcme.Validation.Tests.AuthorityToken;

public sealed class X5uAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("100.127.255.255", "shared (carrier-grade NAT)")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "this-network")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("255.255.255.255", "reserved or broadcast")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fc00::1", "unique local (private)")]
    [InlineData("fd12:3456::1", "unique local (private)")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    public void Non_public_addresses_are_refused(string address, string kind) =>
        Assert.Equal(kind, X5uAddressPolicy.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(X5uAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("example.org")]
    [InlineData("::1:443")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    public void Bad_allow_list_entries_are_refused_by_Validate(string entry) =>
        Assert.Throws<ArgumentException>(() => new AuthorityTokenOptions { AllowedX5uHosts = [entry] }.Validate());

    [Fact]
    public void Good_allow_list_entries_pass_Validate() =>
        new AuthorityTokenOptions { AllowedX5uHosts = ["sti-pa.example:443", "127.0.0.1:8443", "[::1]:8443"] }.Validate();
}
