using BkMonitor.Grains.Alerts;

namespace BkMonitor.UnitTests.Alerts;

public sealed class WatchRoundsTests
{
    [Fact]
    public async Task A_round_forgets_the_done_items_and_keeps_the_others()
    {
        var set = new HashSet<string> { "a", "b", "c" };
        var rounds = new WatchRounds<string>(set, inFlight: 2);

        var forgotten = await rounds.RunAsync(item => Task.FromResult(item != "b"), (_, _) => { });

        Assert.Equal(2, forgotten);
        Assert.Equal(["b"], set);
        Assert.False(rounds.Watch("b"));
        Assert.True(rounds.Watch("d"));
        Assert.Equal(2, rounds.Count);
    }

    [Fact]
    public async Task An_item_watched_again_while_its_done_answer_is_pending_stays()
    {
        var set = new HashSet<string> { "a" };
        var rounds = new WatchRounds<string>(set, inFlight: 8);
        var answer = new TaskCompletionSource<bool>();

        var round = rounds.RunAsync(_ => answer.Task, (_, _) => { });
        Assert.False(rounds.Watch("a")); // a new alert under the same key, watched while the round waits
        answer.SetResult(true);

        Assert.Equal(0, await round);
        Assert.Equal(["a"], set);
    }

    [Fact]
    public async Task A_check_that_throws_is_reported_and_keeps_its_item()
    {
        var set = new HashSet<int> { 1, 2 };
        var failures = new List<int>();
        var rounds = new WatchRounds<int>(set, inFlight: 1);

        var forgotten = await rounds.RunAsync(
            item => item == 1 ? throw new InvalidOperationException("silo lost") : Task.FromResult(true),
            (item, _) => failures.Add(item));

        Assert.Equal(1, forgotten);
        Assert.Equal([1], set);
        Assert.Equal([1], failures);
    }

    [Fact]
    public async Task Items_watched_during_a_round_are_checked_by_the_next_one_only()
    {
        var set = new HashSet<string> { "a" };
        var rounds = new WatchRounds<string>(set, inFlight: 4);
        var checkedItems = new List<string>();

        await rounds.RunAsync(item =>
        {
            checkedItems.Add(item);
            rounds.Watch("late");
            return Task.FromResult(false);
        }, (_, _) => { });

        Assert.Equal(["a"], checkedItems);
        Assert.Contains("late", set);
    }
}
