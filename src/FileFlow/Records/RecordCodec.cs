using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Records;

/// <summary>The one deterministic byte form of a <see cref="TransitionRecord"/>: what is hashed, chained and signed.</summary>
/// <remarks>
/// Layout (big-endian integers; <c>str</c> is a LEB128 length then UTF-8 bytes):
/// <c>"FFR" 0x01 | u8 kind | 16 document id | i64 sequence | 16 action id | str trigger | str from | str to | str actor |
/// str actingAs | u8 capacity | str holder | i64 occurredAt (Unix ms) | 32 previous hash | u8 hasContent [32 content hash] |
/// uvarint n, n × (str key, str value) sorted ordinal | str signerKeyId</c>.
/// Identifiers are RFC 4122 byte order; enum values are written by name so new members never renumber old records.
/// Decoding is strict: anything but the exact bytes <see cref="Encode"/> produces is refused.
/// </remarks>
public static class RecordCodec
{
    private static readonly byte[] Magic = "FFR\u0001"u8.ToArray();
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes a record into its canonical bytes.</summary>
    /// <exception cref="ArgumentException">A text field holds an invalid UTF-16 sequence, or the time has sub-millisecond precision.</exception>
    public static byte[] Encode(TransitionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.OccurredAt.Offset != TimeSpan.Zero || record.OccurredAt.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException("OccurredAt must be UTC with millisecond precision; use RecordCodec.Normalize.", nameof(record));
        }

        var w = new ArrayBufferWriter<byte>(256);
        w.Write(Magic);
        WriteByte(w, (byte)record.Kind);
        WriteGuid(w, record.DocumentId.Value);
        WriteInt64(w, record.Sequence);
        WriteGuid(w, record.ActionId);
        WriteString(w, record.Trigger.ToString());
        WriteString(w, record.From.ToString());
        WriteString(w, record.To.ToString());
        WriteString(w, record.Actor.Value);
        WriteString(w, record.ActingAs.Value);
        WriteByte(w, (byte)record.Capacity);
        WriteString(w, record.Holder.Value);
        WriteInt64(w, record.OccurredAt.ToUnixTimeMilliseconds());
        w.Write(record.PreviousHash.Span);
        if (record.ContentHash is { } content)
        {
            WriteByte(w, 1);
            w.Write(content.Span);
        }
        else
        {
            WriteByte(w, 0);
        }

        WriteVarint(w, (ulong)record.Attributes.Count);
        // A dictionary already sorted ordinal (every record the engine builds) is written as it enumerates; any other is sorted first.
        if (record.Attributes.KeyComparer == StringComparer.Ordinal)
        {
            foreach (var pair in record.Attributes)
            {
                WriteString(w, pair.Key);
                WriteString(w, pair.Value);
            }
        }
        else
        {
            foreach (var pair in record.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                WriteString(w, pair.Key);
                WriteString(w, pair.Value);
            }
        }

        WriteString(w, record.SignerKeyId);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes canonical bytes into a record.</summary>
    /// <exception cref="RecordFormatException">The bytes are not exactly the canonical form of a record.</exception>
    public static TransitionRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new Reader(bytes);
        try
        {
            if (!r.Take(Magic.Length).SequenceEqual(Magic))
            {
                throw new RecordFormatException("The bytes do not start with the record marker 'FFR' version 1.");
            }

            var kind = CheckDefined((DocumentKind)r.Byte());
            var documentId = new DocumentId(r.Guid());
            var sequence = r.Int64();
            var actionId = r.Guid();
            var trigger = ParseEnum<DocumentTrigger>(r.String());
            var from = ParseEnum<DocumentState>(r.String());
            var to = ParseEnum<DocumentState>(r.String());
            var actor = new OfficerId(r.String());
            var actingAs = new PostId(r.String());
            var capacity = CheckDefined((ActingCapacity)r.Byte());
            var holder = new PostId(r.String());
            var occurredAt = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64());
            var previous = Hash256.FromBytes(r.Take(Hash256.Length));
            Hash256? contentHash = r.Byte() switch
            {
                0 => null,
                1 => Hash256.FromBytes(r.Take(Hash256.Length)),
                _ => throw new RecordFormatException("The content-hash flag must be 0 or 1."),
            };
            var count = r.Varint();
            var attributes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            string? lastKey = null;
            for (ulong i = 0; i < count; i++)
            {
                var key = r.String();
                if (lastKey is not null && string.CompareOrdinal(lastKey, key) >= 0)
                {
                    throw new RecordFormatException("Attributes are not in strictly ascending ordinal key order.");
                }

                attributes[key] = r.String();
                lastKey = key;
            }

            var signer = r.String();
            if (!r.AtEnd)
            {
                throw new RecordFormatException("Trailing bytes follow the record.");
            }

            if (sequence < 0)
            {
                throw new RecordFormatException("The sequence number is negative.");
            }

            return new TransitionRecord
            {
                DocumentId = documentId,
                Kind = kind,
                Sequence = sequence,
                ActionId = actionId,
                Trigger = trigger,
                From = from,
                To = to,
                Actor = actor,
                ActingAs = actingAs,
                Capacity = capacity,
                Holder = holder,
                OccurredAt = occurredAt,
                PreviousHash = previous,
                ContentHash = contentHash,
                Attributes = attributes.ToImmutable(),
                SignerKeyId = signer,
            };
        }
        catch (Exception e) when (e is ArgumentException or DecoderFallbackException or IndexOutOfRangeException or OverflowException)
        {
            throw new RecordFormatException("The bytes are not a well-formed record: " + e.Message, e);
        }
    }

    /// <summary>Truncates a time to UTC milliseconds, the precision records keep.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static T ParseEnum<T>(string name)
        where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && value.ToString() == name
            ? value
            : throw new RecordFormatException($"'{name}' is not a {typeof(T).Name}.");

    private static T CheckDefined<T>(T value)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new RecordFormatException($"{Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} is not a {typeof(T).Name}.");

    private static void WriteByte(ArrayBufferWriter<byte> w, byte value)
    {
        w.GetSpan(1)[0] = value;
        w.Advance(1);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> w, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    private static void WriteGuid(ArrayBufferWriter<byte> w, Guid value)
    {
        value.TryWriteBytes(w.GetSpan(16), bigEndian: true, out _);
        w.Advance(16);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> w, ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte(w, (byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte(w, (byte)value);
    }

    private static void WriteString(ArrayBufferWriter<byte> w, string? value)
    {
        value ??= string.Empty;
        var length = Utf8.GetByteCount(value);
        WriteVarint(w, (ulong)length);
        Utf8.GetBytes(value, w.GetSpan(length));
        w.Advance(length);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> data = data;
        private int position;

        public readonly bool AtEnd => position == data.Length;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || data.Length - position < count)
            {
                throw new RecordFormatException("The record ends too early.");
            }

            var span = data.Slice(position, count);
            position += count;
            return span;
        }

        public byte Byte() => Take(1)[0];

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        public Guid Guid() => new(Take(16), bigEndian: true);

        public ulong Varint()
        {
            ulong result = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                if (b == 0 && shift > 0)
                {
                    throw new RecordFormatException("A length is not minimally encoded.");
                }

                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }
            }

            throw new RecordFormatException("A length is too long.");
        }

        public string String()
        {
            var length = Varint();
            if (length > int.MaxValue)
            {
                throw new RecordFormatException("A text field is too long.");
            }

            return Utf8.GetString(Take((int)length));
        }
    }
}
