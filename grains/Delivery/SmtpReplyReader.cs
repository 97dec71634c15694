using System.Text;

namespace BkMonitor.Grains.Delivery;

/// <summary>Reads SMTP replies with bounded line length and line count, so a hostile server cannot grow memory.</summary>
internal sealed class SmtpReplyReader(Stream stream)
{
    private const int MaxLineBytes = 4096;
    private const int MaxLines = 100;

    private readonly byte[] _buffer = new byte[MaxLineBytes];
    private int _start;
    private int _end;

    /// <summary>True when the server sent bytes we have not consumed (must be false before a STARTTLS handshake).</summary>
    public bool HasBufferedData => _end > _start;

    public async Task<SmtpReply> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2])
                || line.Length > 3 && line[3] is not (' ' or '-'))
            {
                throw new SmtpProtocolException($"malformed SMTP reply line '{line}'");
            }
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply((line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0'), lines);
            }
            if (lines.Count >= MaxLines) throw new SmtpProtocolException($"SMTP reply longer than {MaxLines} lines");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r') length--;
                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) throw new SmtpProtocolException($"SMTP reply line longer than {MaxLineBytes} bytes");
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0) throw new IOException("the SMTP server closed the connection");
            _end += read;
        }
    }
}
