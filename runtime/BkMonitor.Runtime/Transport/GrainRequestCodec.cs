using System.Collections.Concurrent;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// Turns grain calls into envelopes and back: arguments and results by their declared types (compact binary
/// for primitives, strings, byte arrays, enums; System.Text.Json for records and collections), exceptions as
/// type name, message and stack. Codecs are resolved once per request method and result type.
/// </summary>
internal sealed class GrainRequestCodec
{
    private static readonly ResponseEnvelope VoidOk = new(ResponseStatus.Ok, ReadOnlyMemory<byte>.Empty);

    private readonly JsonSerializerOptions _jsonOptions;
    private readonly ConcurrentDictionary<(Type RequestType, int MethodId), WireValueCodec[]> _argumentCodecs = new();
    private readonly ConcurrentDictionary<Type, WireValueCodec> _valueCodecs = new();

    public GrainRequestCodec(JsonSerializerOptions? jsonOptions = null)
    {
        _jsonOptions = jsonOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        _jsonOptions.MakeReadOnly(populateMissingResolver: true);
    }

    public static GrainRequestCodec Default { get; } = new();

    /// <summary>The envelope for calling <paramref name="request"/> on <paramref name="target"/>; flags follow the method's attributes.</summary>
    public RequestEnvelope CreateEnvelope(GrainId target, GrainRequest request, TimeSpan timeout)
    {
        var timeoutMs = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);
        var flags = (MessageFlags)((int)request.Options & 0b111);
        return new RequestEnvelope(target, request.InterfaceName, request.MethodId, flags, timeoutMs, EncodeArguments(request));
    }

    public byte[] EncodeArguments(GrainRequest request)
    {
        var codecs = ArgumentCodecs(request);
        using var buffer = WireBuffer.Rent();
        for (var i = 0; i < codecs.Length; i++)
        {
            try
            {
                codecs[i].Write(buffer, request.GetArgument(i));
            }
            catch (Exception ex) when (ex is not SerializationException)
            {
                throw new SerializationException($"Argument {i} ({request.GetArgumentType(i).Name}) of {request} cannot be encoded: {ex.Message}", ex);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Creates the request named by the envelope through the registered interface and fills its arguments.</summary>
    public GrainRequest DecodeRequest(RequestEnvelope envelope)
    {
        var request = GrainTypeRegistry.GetInterface(envelope.InterfaceName).RequestFactory(envelope.MethodId);
        DecodeArguments(request, envelope.Body.Span);
        return request;
    }

    public void DecodeArguments(GrainRequest request, ReadOnlySpan<byte> body)
    {
        var codecs = ArgumentCodecs(request);
        var reader = new WireReader(body);
        for (var i = 0; i < codecs.Length; i++)
        {
            try
            {
                request.SetArgument(i, codecs[i].Read(ref reader));
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or OverflowException or InvalidCastException)
            {
                throw new SerializationException($"Argument {i} ({request.GetArgumentType(i).Name}) of {request} cannot be decoded: {ex.Message}", ex);
            }
        }
        if (!reader.IsAtEnd)
        {
            throw new SerializationException(
                $"{reader.Remaining} bytes are left after the {codecs.Length} arguments of {request}: the caller's interface differs from this silo's.");
        }
    }

    public ResponseEnvelope EncodeResult<TResult>(TResult result)
        => typeof(TResult) == typeof(VoidResult) ? VoidOk : EncodeResult(result, typeof(TResult));

    public ResponseEnvelope EncodeResult(object? result, Type resultType)
    {
        if (resultType == typeof(VoidResult))
        {
            return VoidOk;
        }
        using var buffer = WireBuffer.Rent();
        try
        {
            ValueCodec(resultType).Write(buffer, result);
        }
        catch (Exception ex) when (ex is not SerializationException)
        {
            throw new SerializationException($"A result of type {resultType.Name} cannot be encoded: {ex.Message}", ex);
        }
        return new ResponseEnvelope(ResponseStatus.Ok, buffer.ToArray());
    }

    public ResponseEnvelope EncodeException(Exception exception) => new(ResponseStatus.Exception, RemoteExceptionCodec.Encode(exception));

    public Exception DecodeException(in ResponseEnvelope response) => RemoteExceptionCodec.Decode(response.Body.Span);

    /// <summary>
    /// The result of an <see cref="ResponseStatus.Ok"/> response; otherwise throws the remote exception, a
    /// <see cref="GrainCallTimeoutException"/>, or (for a rejection the caller did not re-route) a <see cref="SiloUnavailableException"/>.
    /// </summary>
    public TResult ReadResult<TResult>(in ResponseEnvelope response, RequestEnvelope request)
    {
        switch (response.Status)
        {
            case ResponseStatus.Ok when typeof(TResult) == typeof(VoidResult):
                return default!;
            case ResponseStatus.Ok:
                var reader = new WireReader(response.Body.Span);
                try
                {
                    return (TResult)ValueCodec(typeof(TResult)).Read(ref reader)!;
                }
                catch (Exception ex) when (ex is InvalidDataException or JsonException or OverflowException or InvalidCastException)
                {
                    throw new SerializationException($"The result of {request} cannot be decoded as {typeof(TResult).Name}: {ex.Message}", ex);
                }
            case ResponseStatus.Exception:
                throw DecodeException(response);
            case ResponseStatus.Timeout:
                throw new GrainCallTimeoutException(request.TargetGrain, request.InterfaceName, $"method #{request.MethodId}", TimeSpan.FromMilliseconds(request.TimeoutMs));
            default:
                throw new SiloUnavailableException($"The call {request} was rejected by its target silo: {response.GetReason()}");
        }
    }

    private WireValueCodec[] ArgumentCodecs(GrainRequest request)
    {
        // Keyed by method too: a hand-written request class may serve several methods.
        var key = (request.GetType(), request.MethodId);
        if (_argumentCodecs.TryGetValue(key, out var codecs))
        {
            return codecs;
        }
        codecs = new WireValueCodec[request.ArgumentCount];
        for (var i = 0; i < codecs.Length; i++)
        {
            codecs[i] = ValueCodec(request.GetArgumentType(i));
        }
        return _argumentCodecs.GetOrAdd(key, codecs);
    }

    private WireValueCodec ValueCodec(Type type)
        => _valueCodecs.TryGetValue(type, out var codec) ? codec : _valueCodecs.GetOrAdd(type, WireValueCodec.For(type, _jsonOptions));
}
