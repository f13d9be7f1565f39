using Bookmaker.Storage.Journal;

namespace Bookmaker.Storage.Tests;

public sealed class SqliteKeyValueStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Stored_value_survives_reopen()
    {
        using (var store = SqliteKeyValueStore.Open(_dir.File()))
        {
            store.Set("risk.breach.daily_loss", "true", Entries.T0);
            store.Set("risk.breach.daily_loss", "false", Entries.T0 + 1);
        }

        using var reopened = SqliteKeyValueStore.Open(_dir.File());
        Assert.Equal("false", reopened.Get("risk.breach.daily_loss"));
        Assert.Null(reopened.Get("missing"));
    }

    [Fact]
    public void Remove_deletes_the_key()
    {
        using var store = SqliteKeyValueStore.Open(_dir.File());
        store.Set("k", "v", Entries.T0);
        Assert.True(store.Remove("k"));
        Assert.False(store.Remove("k"));
        Assert.Null(store.Get("k"));
    }

    [Fact]
    public async Task Store_shares_the_file_with_an_open_journal()
    {
        await using var journal = SqliteJournal.Open(_dir.File());
        journal.Append(Entries.Note(1));
        using var store = SqliteKeyValueStore.Open(_dir.File());
        store.Set("halt.reason", "operator", Entries.T0);
        journal.Append(Entries.Note(2));
        await journal.FlushAsync();
        Assert.Equal("operator", store.Get("halt.reason"));
    }
}
