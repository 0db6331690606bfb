/// A random (version 4, RFC 9562 §5.4) UUID in lower case, the form AWS writes request ids,
/// message ids and receipt handles in. From the system's random bytes (BufferedRandomNumberGenerator):
/// Foundation's `UUID()` opened and read `/dev/urandom` for every id, which on the paths that
/// make one per invocation or message cost more than the rest of the bookkeeping.
package enum RandomUUID {
    package static func string() -> String {
        var generator = BufferedRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        high = (high & ~0xf000) | 0x4000 // version 4 (bits 48–51)
        low = (low & ~(0xc000 << 48)) | (0x8000 << 48) // variant 10 (bits 64–65)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        let hex = Array(Hex.lowercase(bytes).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, digit) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            text.append(digit)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
