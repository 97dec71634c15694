using System.Buffers;
using System.Buffers.Binary;

namespace BkMonitor.Runtime.Transport;

/// <summary>A growable buffer on pooled arrays, reused per thread, for encoding arguments and results.</summary>
internal sealed class WireBuffer : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 256;
    private const int MaxRetainedSize = 1024 * 1024;

    [ThreadStatic]
    private static WireBuffer? t_cached;

    private byte[] _array = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

    /// <summary>Takes this thread's cached buffer (or a new one); <see cref="Dispose"/> gives it back.</summary>
    public static WireBuffer Rent()
    {
        var buffer = t_cached ?? new WireBuffer();
        t_cached = null;
        return buffer;
    }

    public byte[] ToArray() => _written == 0 ? [] : WrittenSpan.ToArray();

    /// <summary>Skips four bytes for a length known only after the value is written; see <see cref="PatchInt32"/>.</summary>
    public int ReserveInt32()
    {
        Ensure(4);
        var at = _written;
        _written += 4;
        return at;
    }

    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(_array.AsSpan(at, 4), value);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _array.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    public void Dispose()
    {
        _written = 0;
        if (_array.Length > MaxRetainedSize)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
        t_cached = this;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        WrittenSpan.CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_array);
        _array = grown;
    }
}
