using System.Runtime.Serialization;
using System.Text;
using BkMonitor.Grains.Trigger;
using BkMonitor.Runtime.Storage;

namespace BkMonitor.UnitTests.Trigger;

public sealed class TriggerWindowStateJsonTests
{
    // What the default serializer (web defaults) wrote for this state before the converter existed.
    private const string Stored =
        """{"items":{"1":{"anomalies":{"0cc175b9c0f1b6a831c399e269772661":{"1":[60,120],"2":[120]}},"eventsPerTime":{"120":2}}},"lastSequence":7,"lastIndex":1}""";

    private readonly JsonGrainStateSerializer _serializer = new();

    [Fact]
    public void Writes_the_shape_the_default_serializer_wrote()
    {
        var window = new TriggerWindowState();
        window.Anomalies["0cc175b9c0f1b6a831c399e269772661"] = new() { [1] = [60, 120], [2] = [120] };
        window.EventsPerTime[120] = 2;
        var state = new TriggerGrainState { Items = { [1] = window }, LastSequence = 7, LastIndex = 1 };

        Assert.Equal(Stored, Encoding.UTF8.GetString(_serializer.Serialize(state)));
    }

    [Fact]
    public void Reads_a_stored_state_back()
    {
        var state = _serializer.Deserialize<TriggerGrainState>(Encoding.UTF8.GetBytes(Stored));

        var window = state.Items[1];
        Assert.Equal([60L, 120L], window.Anomalies["0cc175b9c0f1b6a831c399e269772661"][1]);
        Assert.Equal([120L], window.Anomalies["0cc175b9c0f1b6a831c399e269772661"][2]);
        Assert.Equal(2, window.EventsPerTime[120]);
        Assert.Equal(7, state.LastSequence);
    }

    [Fact]
    public void Reads_numbers_in_strings_any_name_case_and_skips_unknown_or_null_members()
    {
        const string json = """{"Items":{"3":{"ANOMALIES":{"s":{"1":["60",120]}},"eventsPerTime":null,"later":{"x":[1]}}}}""";

        var window = _serializer.Deserialize<TriggerGrainState>(Encoding.UTF8.GetBytes(json)).Items[3];

        Assert.Equal([60L, 120L], window.Anomalies["s"][1]);
        Assert.Empty(window.EventsPerTime);
    }

    [Theory]
    [InlineData("""{"items":{"1":{"anomalies":{"s":{"1":[true]}}}}}""")]
    [InlineData("""{"items":{"1":{"anomalies":{"s":{"x":[60]}}}}}""")]
    [InlineData("""{"items":{"1":{"anomalies":[]}}}""")]
    [InlineData("""{"items":{"1":{"eventsPerTime":{"60":99999999999}}}}""")]
    public void A_damaged_state_is_a_serialization_error(string json)
        => Assert.Throws<SerializationException>(() => _serializer.Deserialize<TriggerGrainState>(Encoding.UTF8.GetBytes(json)));
}
