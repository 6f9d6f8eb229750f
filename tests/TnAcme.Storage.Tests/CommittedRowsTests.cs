using TnAcme.Storage.Caching;

namespace TnAcme.Storage.Tests;

/// <summary>The bounded cache of committed rows: what is put is read back, one entry per id, the oldest dropped first.</summary>
public sealed class CommittedRowsTests
{
    private sealed record Row(string Value);

    [Fact]
    public void A_row_put_is_read_back_and_an_unknown_id_is_not_found()
    {
        var rows = new CommittedRows<Row>(4);
        var a = new Row("a");

        rows.Put("a", a);

        Assert.True(rows.TryGet("a", out Row read));
        Assert.Same(a, read);
        Assert.False(rows.TryGet("b", out _));
        Assert.False(rows.TryGet("A", out _));
        Assert.Equal(1, rows.Count);
    }

    [Fact]
    public void Putting_an_id_again_replaces_its_row_and_keeps_one_entry()
    {
        var rows = new CommittedRows<Row>(4);
        var first = new Row("first");
        var second = new Row("second");

        rows.Put("a", first);
        rows.Put("a", second);

        Assert.Equal(1, rows.Count);
        Assert.True(rows.TryGet("a", out Row read));
        Assert.Same(second, read);
    }

    [Fact]
    public void A_forgotten_row_is_not_found_and_the_others_stay()
    {
        var rows = new CommittedRows<Row>(4);
        rows.Put("a", new Row("a"));
        rows.Put("b", new Row("b"));

        rows.Forget("a");
        rows.Forget("never-put");

        Assert.False(rows.TryGet("a", out _));
        Assert.True(rows.TryGet("b", out Row b));
        Assert.Equal("b", b.Value);
        Assert.Equal(1, rows.Count);
    }

    [Fact]
    public void Past_the_capacity_the_oldest_rows_are_dropped_first()
    {
        var rows = new CommittedRows<Row>(3);
        foreach (string id in new[] { "a", "b", "c" })
        {
            rows.Put(id, new Row(id));
        }

        Assert.Equal(3, rows.Count);

        rows.Put("d", new Row("d"));
        Assert.Equal(3, rows.Count);
        Assert.False(rows.TryGet("a", out _));
        Assert.True(rows.TryGet("b", out _));
        Assert.True(rows.TryGet("c", out _));
        Assert.True(rows.TryGet("d", out _));

        rows.Put("e", new Row("e"));
        Assert.Equal(3, rows.Count);
        Assert.False(rows.TryGet("b", out _));
        Assert.True(rows.TryGet("e", out _));
    }

    [Fact]
    public void Replacing_a_row_neither_grows_the_cache_nor_drops_another()
    {
        var rows = new CommittedRows<Row>(2);
        rows.Put("a", new Row("a1"));
        rows.Put("b", new Row("b1"));

        for (int i = 2; i < 10; i++)
        {
            rows.Put("a", new Row("a" + i));
            rows.Put("b", new Row("b" + i));
        }

        Assert.Equal(2, rows.Count);
        Assert.True(rows.TryGet("a", out Row a));
        Assert.Equal("a9", a.Value);
        Assert.True(rows.TryGet("b", out Row b));
        Assert.Equal("b9", b.Value);
    }

    [Fact]
    public void A_replaced_row_keeps_its_place_in_line_as_first_put()
    {
        // First in, first out: a replacement (the same row committed again) does not make it younger.
        var rows = new CommittedRows<Row>(2);
        rows.Put("a", new Row("a1"));
        rows.Put("b", new Row("b"));
        rows.Put("a", new Row("a2"));

        rows.Put("c", new Row("c"));

        Assert.False(rows.TryGet("a", out _));
        Assert.True(rows.TryGet("b", out _));
        Assert.True(rows.TryGet("c", out _));
    }

    [Fact]
    public void A_cache_of_one_row_holds_the_last_one_put()
    {
        var rows = new CommittedRows<Row>(1);
        rows.Put("a", new Row("a"));
        rows.Put("b", new Row("b"));

        Assert.Equal(1, rows.Count);
        Assert.False(rows.TryGet("a", out _));
        Assert.True(rows.TryGet("b", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void The_capacity_must_be_at_least_one(int capacity)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new CommittedRows<Row>(capacity));
        Assert.Equal("capacity", e.ParamName);
    }

    [Fact]
    public async Task Concurrent_puts_never_hold_more_than_the_capacity()
    {
        var rows = new CommittedRows<Row>(64);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                string id = $"{t}-{i}";
                rows.Put(id, new Row(id));
                if (i % 7 == 0)
                {
                    rows.Forget(id);
                }
            }
        })));

        Assert.InRange(rows.Count, 1, 64);
    }
}
