import Foundation
/// Word-wraps styled text to a column width, keeping ANSI styles intact across line breaks.
///
/// Lines break only between words: a word or a number is never cut. The one exception is a
/// word wider than the whole line (a path, an ARN, a hash), which must be cut somewhere; it is
/// cut after a `/`, `:`, `-`, `_`, `.`, `,`, `=` or `&` where it can be, so the pieces read
/// as parts of a path.
package enum TextWrapper {
    /// Characters after which an over-long word may be cut.
    static let breakAfter: Set<Character> = ["/", ":", "-", "_", ".", ",", "=", "&", "?", "]", ")"]

    /// Wraps `text` (which may contain ANSI escapes and `\n` hard breaks) to `width` columns.
    /// Words longer than the width are split. Each returned line carries no trailing spaces.
    package static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result.append(contentsOf: wrapLine(String(paragraph), width: width))
        }
        return result
    }

    /// Wraps text so that continuation lines start `hangingIndent` columns in (under the text
    /// after a label or a bullet); each first line keeps its own indentation.
    package static func wrap(_ text: String, width: Int, hangingIndent: Int) -> [String] {
        let width = max(width, 1)
        let indent = hangingIndent < width ? max(hangingIndent, 0) : 0
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            wrapLine(String($0), width: width, hangingIndent: indent)
        }
    }

    /// Joins `items` with `separator`, breaking lines only between items (an item such as
    /// `Duration 2.19 ms` stays on one line); continuation lines start with `indent`.
    package static func wrap(items: [String], separator: String, width: Int, indent: String) -> [String] {
        var lines: [String] = []
        var current = ""
        let indentWidth = DisplayWidth.of(indent)
        for item in items {
            if DisplayWidth.of(item) > width - indentWidth {
                // An item wider than a line (an ARN) goes on lines of its own, cut as a long word is.
                if !current.isEmpty { lines.append(current) }
                let pieces = wrap(item, width: width - indentWidth)
                lines += pieces.dropLast().map { indent + $0 }
                current = indent + (pieces.last ?? "")
                continue
            }
            if current.isEmpty || current == indent {
                current += item
            } else if DisplayWidth.of(current + separator + item) <= width {
                current += separator + item
            } else {
                // The separator ends the line only where it fits: on a line already full it
                // would spill onto a row of its own (` ·` alone under the invoke summary).
                let trailing = current + trimmedTrailing(separator)
                lines.append(DisplayWidth.of(trailing) <= width ? trailing : current)
                current = indent + item
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private static func trimmedTrailing(_ text: String) -> String {
        var text = text
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    private static func wrapLine(_ text: String, width: Int, hangingIndent: Int = 0) -> [String] {
        if text.isEmpty { return [""] }
        let pad = String(repeating: " ", count: hangingIndent)
        var lines: [String] = []
        // Leading spaces are the caller's indentation: keep them on the first line.
        let indent = text.prefix { $0 == " " }.count
        var current = indent < width ? String(repeating: " ", count: indent) : ""
        var currentWidth = current.count
        // Open SGR codes are re-applied at the start of each continuation line.
        var activeCodes: [String] = []

        // The indentation is already in `current`; reading its spaces again would double it.
        for word in tokens(String(text.dropFirst(indent))) {
            if word == " " {
                if currentWidth > (lines.isEmpty ? 0 : hangingIndent), currentWidth < width {
                    current += " "
                    currentWidth += 1
                }
                continue
            }
            let w = DisplayWidth.of(word)
            if currentWidth + w > width, currentWidth > (lines.isEmpty ? 0 : hangingIndent) {
                lines.append(closeLine(current, activeCodes))
                current = pad + activeCodes.joined()
                currentWidth = hangingIndent
            }
            if currentWidth + w > width {
                // Cut an over-long word into pieces that fit, at a natural break if possible.
                var rest = Array(word)
                while !rest.isEmpty {
                    let room = width - currentWidth
                    var (piece, remainder) = cut(rest, toFit: room, preferBreak: true)
                    if piece.isEmpty, currentWidth <= hangingIndent {
                        // Not even one character fits (a wide one in a 1-column line): take it anyway.
                        piece = [rest[0]]
                        remainder = Array(rest.dropFirst())
                    }
                    if piece.isEmpty {
                        // Nothing fits on this line any more: start a new one.
                        lines.append(closeLine(current, activeCodes))
                        current = pad + activeCodes.joined()
                        currentWidth = hangingIndent
                        continue
                    }
                    current += String(piece)
                    currentWidth += DisplayWidth.of(String(piece))
                    rest = remainder
                    if !rest.isEmpty {
                        lines.append(closeLine(current, activeCodes))
                        current = pad + activeCodes.joined()
                        currentWidth = hangingIndent
                    }
                }
            } else {
                current += word
                currentWidth += w
            }
            updateCodes(&activeCodes, with: word)
        }
        lines.append(closeLine(current, activeCodes))
        return lines.map { trimTrailingSpaces($0) }
    }

    /// The longest start of `chars` that fits in `room` columns (escape sequences take none),
    /// ending after a natural break when one is in the second half of the piece; and the rest.
    static func cut(_ chars: [Character], toFit room: Int, preferBreak: Bool) -> ([Character], [Character]) {
        guard room > 0 else { return ([], chars) }
        var width = 0
        var end = 0
        var inEscape = false
        var lastBreak: Int?
        var lastSlash: Int?
        while end < chars.count {
            let ch = chars[end]
            if inEscape {
                if ch.unicodeScalars.first.map({ (0x40...0x7E).contains($0.value) && $0 != "[" }) == true { inEscape = false }
                end += 1
                continue
            }
            if ch == "\u{1B}" {
                inEscape = true
                end += 1
                continue
            }
            let cw = DisplayWidth.of(String(ch))
            if width + cw > room { break }
            width += cw
            end += 1
            if breakAfter.contains(ch) { lastBreak = end }
            if ch == "/" { lastSlash = end }
        }
        // A path reads best cut after a slash; otherwise after any other break.
        if end < chars.count, preferBreak {
            if let lastSlash, lastSlash * 2 >= end {
                end = lastSlash
            } else if let lastBreak, lastBreak * 2 >= end {
                end = lastBreak
            }
        }
        return (Array(chars[..<end]), Array(chars[end...]))
    }

    /// Splits into words and single spaces; escape sequences stay attached to their word.
    private static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        for ch in text {
            if ch == " " {
                if !word.isEmpty { out.append(word); word = "" }
                out.append(" ")
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    private static func updateCodes(_ codes: inout [String], with word: String) {
        var rest = Substring(word)
        while let start = rest.range(of: "\u{1B}[") {
            guard let end = rest[start.upperBound...].firstIndex(of: "m") else { break }
            let params = String(rest[start.upperBound..<end])
            let code = "\u{1B}[\(params)m"
            if ["0", "22", "23", "24", "39", ""].contains(params) {
                // A reset closes the matching opener (or everything for 0).
                if params == "0" || params.isEmpty {
                    codes.removeAll()
                } else {
                    let closes: [String: [String]] = ["22": ["1", "2"], "23": ["3"], "24": ["4"]]
                    if let openers = closes[params] {
                        codes.removeAll { c in openers.contains { c == "\u{1B}[\($0)m" } }
                    } else if params == "39" {
                        codes.removeAll { c in
                            let p = c.dropFirst(2).dropLast()
                            return Int(p).map { (30...37).contains($0) || (90...97).contains($0) } ?? false
                        }
                    }
                }
            } else {
                codes.append(code)
            }
            rest = rest[rest.index(after: end)...]
        }
    }

    private static func closeLine(_ line: String, _ codes: [String]) -> String {
        codes.isEmpty ? line : line + "\u{1B}[0m"
    }

    private static func trimTrailingSpaces(_ line: String) -> String {
        var s = line
        while s.hasSuffix(" ") { s.removeLast() }
        // Trailing spaces before a final reset.
        if s.hasSuffix("\u{1B}[0m") {
            var body = String(s.dropLast(4))
            while body.hasSuffix(" ") { body.removeLast() }
            s = body + "\u{1B}[0m"
        }
        return s
    }
}
