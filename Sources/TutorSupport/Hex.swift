/// Lower-case hexadecimal text of bytes (digests, ids). By table, not `String(format:)`: a
/// digest is written for every message a local queue holds and every record a mapping sends,
/// and formatting one byte at a time through Foundation cost more than the digest itself.
package enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lower-case hex digits per byte, in order.
    package static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// An integer's bytes, most significant first: `%08x` of a `UInt32`, `%016llx` of a `UInt64`.
    package static func lowercase<T: FixedWidthInteger>(bigEndian value: T) -> String {
        withUnsafeBytes(of: value.bigEndian) { lowercase($0) }
    }
}
