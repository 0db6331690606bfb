/// JSON written as text, for documents the tutor sends many times over with a fixed shape (the
/// records of an event source mapping's batch): building `[String: Any]` and handing it to
/// `JSONSerialization` bridged every value to Foundation objects and sorted keys with ICU
/// collation, which was most of a batch's cost. Escaping follows RFC 8259 §7: the quote, the
/// backslash and the control characters; `/` stays as it is, as Lambda writes it.
package enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    package static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal (quotes included) to `out`.
    package static func appendQuoted(_ text: String, to out: inout String) {
        out.append("\"")
        var clean = text.utf8.startIndex
        let utf8 = text.utf8
        var index = clean
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: text[clean..<index])
                out.append(escape(byte))
                clean = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out.append(contentsOf: text[clean..<utf8.endIndex])
        out.append("\"")
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x08: return "\\b"
        case 0x0c: return "\\f"
        case 0x0a: return "\\n"
        case 0x0d: return "\\r"
        case 0x09: return "\\t"
        default: return "\\u00" + Hex.lowercase([byte])
        }
    }
}
