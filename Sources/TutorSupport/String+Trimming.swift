/// Whitespace trimming that stays in Swift's own string code.
///
/// Foundation's `trimmingCharacters(in:)` bridges through NSString on Linux; in the lesson and
/// Markdown parsers, which trim every line of every lesson at start-up, it was most of the
/// start-up time. Lesson text only needs spaces, tabs and a stray carriage return trimmed.
extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    package var trimmedSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// True when the text is empty or only spaces, tabs and carriage returns.
    package var isBlank: Bool {
        allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }
}

extension String {
    /// The text split at `\n` (a trailing `\r` removed), scanning bytes rather than grapheme
    /// clusters: lesson files are split this way at every start-up.
    package func splitLines() -> [String] {
        var lines: [String] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                lines.append(Self.line(self, from: start, to: index))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(Self.line(self, from: start, to: utf8.endIndex))
        return lines
    }

    private static func line(_ text: String, from start: String.Index, to end: String.Index) -> String {
        var end = end
        if end > start, text.utf8[text.utf8.index(before: end)] == 0x0D { end = text.utf8.index(before: end) }
        return String(text[start..<end])
    }

    /// True if the UTF-8 bytes contain `{{` (a cheap test before looking for placeholders).
    package var containsDoubleBrace: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == 0x7B, previous == 0x7B { return true }
            previous = byte
        }
        return false
    }
}
