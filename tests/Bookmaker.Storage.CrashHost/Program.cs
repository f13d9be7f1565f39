// Usage: Bookmaker.Storage.CrashHost <db path> <entries per flush> <max entries>
// Appends deterministic entries, flushes after every block and prints "flushed <last seq>" once the flush is
// acknowledged. The crash test kills this process with SIGKILL while the next block is being written.
using System.Globalization;
using Bookmaker.Storage.CrashHost;
using Bookmaker.Storage.Journal;

string path = args[0];
int block = int.Parse(args[1], CultureInfo.InvariantCulture);
long max = long.Parse(args[2], CultureInfo.InvariantCulture);

await using var journal = SqliteJournal.Open(path);
long last = journal.LastSequence;
Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opened {last}"));
Console.Out.Flush();
while (last < max)
{
    for (int i = 0; i < block; i++)
    {
        last = journal.Append(CrashEntries.For(last + 1));
    }

    await journal.FlushAsync();
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flushed {last}"));
    Console.Out.Flush();
}

Console.Out.WriteLine("done");
return 0;
