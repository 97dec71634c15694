using System.Globalization;
using System.Text.Json.Serialization;
using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.GrainInterfaces.Access;

/// <summary>
/// One item's records as columns: point <c>i</c> is series <c>Series[i]</c> of <see cref="Table"/> at
/// <c>Times[i]</c> with <c>Values[i]</c>, oldest first. The record id <c>"{Table.Md5[Series[i]]}.{Times[i]}"</c> is
/// only built for the points that need it (anomalies), so a normal point costs no string and no dictionary.
/// </summary>
public sealed class ItemColumns
{
    public ItemColumns(SeriesTable table, int[] series, long[] times, double[] values, int count)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        if (count < 0 || count > series.Length || count > times.Length || count > values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "count must fit every column");
        }
        Table = table;
        Series = series;
        Times = times;
        Values = values;
        Count = count;
    }

    [JsonPropertyName("table")]
    public SeriesTable Table { get; }

    [JsonPropertyName("series")]
    public int[] Series { get; }

    [JsonPropertyName("times")]
    public long[] Times { get; }

    [JsonPropertyName("values")]
    public double[] Values { get; }

    [JsonPropertyName("count")]
    public int Count { get; }

    public string RecordId(int index) =>
        string.Concat(Table.Md5[Series[index]], ".", Times[index].ToString(CultureInfo.InvariantCulture));

    /// <summary>Point <paramref name="index"/> as a standalone record.</summary>
    public DataPointRecord Record(int index) => new()
    {
        RecordId = RecordId(index),
        Value = Values[index],
        Dimensions = Table.Dimensions[Series[index]],
        Time = Times[index],
    };

    public List<DataPointRecord> ToRecords()
    {
        var records = new List<DataPointRecord>(Count);
        for (var i = 0; i < Count; i++) records.Add(Record(i));
        return records;
    }
}
