using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace BkMonitor.Grains.Hashing;

/// <summary>
/// MD5 (RFC 1321) of a UTF-8 string as lower-case hex, computed in managed code. The ids bk-monitor derives
/// (record, dedupe and event md5s) hash many short strings; the platform's one-shot MD5 goes through the
/// native crypto library at a fixed cost of a few microseconds per call, which this avoids. Not for security.
/// </summary>
public static class Md5Digest
{
    private const int BlockSize = 64;
    private const int StackLimit = 512;

    private static readonly uint[] Sines = MakeSines();

    private static ReadOnlySpan<byte> Shifts =>
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    /// <summary>The md5 of <paramref name="text"/>'s UTF-8 bytes, as 32 lower-case hex digits.</summary>
    public static string HexOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length) + BlockSize + 8;
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var count = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[16];
            Compute(buffer, count, hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Hashes the first <paramref name="count"/> bytes of <paramref name="buffer"/>, which must have room for the
    /// padding (<c>count + 72</c> bytes); the bytes after the message are overwritten.
    /// </summary>
    private static void Compute(Span<byte> buffer, int count, Span<byte> hash)
    {
        var padded = (count + 8) / BlockSize * BlockSize + BlockSize;
        buffer[count] = 0x80;
        buffer[(count + 1)..(padded - 8)].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[(padded - 8)..], (ulong)count * 8);

        uint a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
        Span<uint> words = stackalloc uint[16];
        for (var offset = 0; offset < padded; offset += BlockSize)
        {
            var block = buffer.Slice(offset, BlockSize);
            for (var i = 0; i < 16; i++) words[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]);
            Block(words, ref a0, ref b0, ref c0, ref d0);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(hash, a0);
        BinaryPrimitives.WriteUInt32LittleEndian(hash[4..], b0);
        BinaryPrimitives.WriteUInt32LittleEndian(hash[8..], c0);
        BinaryPrimitives.WriteUInt32LittleEndian(hash[12..], d0);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(ReadOnlySpan<uint> words, ref uint a0, ref uint b0, ref uint c0, ref uint d0)
    {
        uint a = a0, b = b0, c = c0, d = d0;
        var sines = Sines;
        var shifts = Shifts;
        for (var i = 0; i < 64; i++)
        {
            uint f;
            int g;
            switch (i >> 4)
            {
                case 0:
                    f = (b & c) | (~b & d);
                    g = i;
                    break;
                case 1:
                    f = (d & b) | (~d & c);
                    g = (5 * i + 1) & 15;
                    break;
                case 2:
                    f = b ^ c ^ d;
                    g = (3 * i + 5) & 15;
                    break;
                default:
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                    break;
            }
            f += a + sines[i] + words[g];
            a = d;
            d = c;
            c = b;
            b += BitOperations.RotateLeft(f, shifts[i]);
        }
        a0 += a;
        b0 += b;
        c0 += c;
        d0 += d;
    }

    /// <summary>RFC 1321's table: the integer part of 2^32 · |sin(i + 1)|.</summary>
    private static uint[] MakeSines()
    {
        var sines = new uint[64];
        for (var i = 0; i < 64; i++) sines[i] = (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0);
        return sines;
    }
}
