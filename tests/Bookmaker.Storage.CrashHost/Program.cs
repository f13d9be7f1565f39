// Usage: Bookmaker.Storage.CrashHost <db path> <entries per flush> <max entries>
// Appends deterministic entries, flushes after every block and prints "flushed <last seq>" once the flush is
// acknowledged. The crash test kills this process with SIGKILL while the next block is being written.
// Usage: Bookmaker.Storage.CrashHost hold <db path> <mode> [key=value...]
// Opens the journal as a writer (taking its lock, publishing the properties), prints "holding <pid>", and keeps it
// until standard input closes: the lock tests' second process.
using System.Globalization;
using Bookmaker.Storage.CrashHost;
using Bookmaker.Storage.Journal;

if (args[0] == "hold")
{
    var properties = args.Skip(3).Select(a => a.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
    await using (SqliteJournal.Open(args[1], new SqliteJournalOptions { Writer = new JournalWriterInfo(args[2], "crash-host hold", properties) }))
    {
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"holding {Environment.ProcessId}"));
        Console.Out.Flush();
        while (Console.In.ReadLine() is not null)
        {
        }
    }

    return 0;
}

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
