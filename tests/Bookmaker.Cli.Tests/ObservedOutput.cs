using System.Text;

namespace Bookmaker.Cli.Tests;

/// <summary>
/// Output of an in-process CLI run that a test can wait on: every completed line is kept, and
/// <see cref="WaitForLineAsync"/> completes as soon as a matching line has been written, so a test reacts to what the
/// run printed instead of sleeping. Safe to write from any thread.
/// </summary>
internal sealed class ObservedOutput : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _all = new();
    private readonly StringBuilder _line = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            _all.Append(value);
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }

            _lines.Add(_line.ToString().TrimEnd('\r'));
            _line.Clear();
            wake = _written;
            _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    /// <summary>
    /// The first line after line number <paramref name="after"/> (−1: from the start) that satisfies
    /// <paramref name="match"/>, with its number. Fails with the output so far when <paramref name="until"/> ends first
    /// (the run finished without printing it) or after <paramref name="timeout"/>.
    /// </summary>
    public async Task<(int Index, string Line)> WaitForLineAsync(Func<string, bool> match, int after, Task until, TimeSpan timeout, string what)
    {
        var deadline = Task.Delay(timeout);
        while (true)
        {
            Task written;
            lock (_gate)
            {
                for (int i = after + 1; i < _lines.Count; i++)
                {
                    if (match(_lines[i])) return (i, _lines[i]);
                }

                after = _lines.Count - 1;
                written = _written.Task;
            }

            var first = await Task.WhenAny(written, until, deadline);
            if (first == written) continue;
            string why = first == until ? "the run ended" : $"nothing within {timeout.TotalSeconds:0} s";
            throw new TimeoutException($"waited for {what}, but {why}; output so far:\n{this}");
        }
    }

    public override string ToString()
    {
        lock (_gate) return _all.ToString();
    }
}
