/// Inline Markdown spans: emphasis, code and links inside a paragraph, heading or cell.
package enum InlineSpan: Sendable, Hashable {
    case text(String)
    case bold([InlineSpan])
    case italic([InlineSpan])
    case code(String)
    case link(text: [InlineSpan], url: String)
    case lineBreak
}

package enum InlineMarkdown {
    /// Parses inline markup. Unmatched markers are kept as literal text, so a stray `*` in
    /// prose (like "5 * 3") prints as written.
    package static func parse(_ text: String) -> [InlineSpan] {
        let chars = Array(text)
        var index = 0
        return merge(parseSpans(chars, &index, until: nil))
    }

    /// The text without markup (for search indexes and width measurement).
    package static func plainText(_ text: String) -> String {
        plain(parse(text))
    }

    package static func plain(_ spans: [InlineSpan]) -> String {
        spans.map { span -> String in
            switch span {
            case .text(let s): return s
            case .bold(let inner), .italic(let inner): return plain(inner)
            case .code(let s): return s
            case .link(let inner, _): return plain(inner)
            case .lineBreak: return "\n"
            }
        }.joined()
    }

    private static func parseSpans(_ chars: [Character], _ index: inout Int, until closer: String?) -> [InlineSpan] {
        var spans: [InlineSpan] = []
        var buffer = ""
        func flush() {
            if !buffer.isEmpty {
                spans.append(.text(buffer))
                buffer = ""
            }
        }
        while index < chars.count {
            let ch = chars[index]
            if let closer, matches(chars, index, closer) {
                flush()
                index += closer.count
                return spans
            }
            switch ch {
            case "\\":
                if index + 1 < chars.count, "\\`*_[]()#+-.!|{}<>~".contains(chars[index + 1]) {
                    buffer.append(chars[index + 1])
                    index += 2
                } else {
                    buffer.append(ch)
                    index += 1
                }
            case "\n":
                flush()
                spans.append(.lineBreak)
                index += 1
            case "`":
                let run = countRun(chars, index, "`")
                if let end = findCodeEnd(chars, from: index + run, run: run) {
                    flush()
                    var code = String(chars[(index + run)..<end])
                    if code.hasPrefix(" "), code.hasSuffix(" "), code.count > 2 { code = String(code.dropFirst().dropLast()) }
                    spans.append(.code(code))
                    index = end + run
                } else {
                    buffer.append(String(repeating: "`", count: run))
                    index += run
                }
            case "*", "_":
                let run = countRun(chars, index, ch)
                let marker = String(repeating: String(ch), count: min(run, 2))
                // `_` inside a word (snake_case) is literal.
                if ch == "_", index > 0, chars[index - 1].isLetter || chars[index - 1].isNumber {
                    buffer.append(String(repeating: "_", count: run))
                    index += run
                    continue
                }
                let next = index + marker.count < chars.count ? chars[index + marker.count] : " "
                if next == " " || !hasCloser(chars, from: index + marker.count, marker: marker) {
                    buffer.append(String(repeating: String(ch), count: run))
                    index += run
                    continue
                }
                flush()
                index += marker.count
                let inner = parseSpans(chars, &index, until: marker)
                spans.append(marker.count == 2 ? .bold(merge(inner)) : .italic(merge(inner)))
            case "[":
                if let (textEnd, urlEnd) = linkBounds(chars, from: index) {
                    flush()
                    var inner = index + 1
                    let label = Array(chars[0..<textEnd])
                    let linkText = parseSpans(label, &inner, until: nil)
                    let url = String(chars[(textEnd + 2)..<urlEnd])
                    spans.append(.link(text: merge(linkText), url: url))
                    index = urlEnd + 1
                } else {
                    buffer.append(ch)
                    index += 1
                }
            default:
                buffer.append(ch)
                index += 1
            }
        }
        flush()
        if let closer {
            // Unclosed: give the marker back as text.
            return [.text(closer)] + spans
        }
        return spans
    }

    private static func matches(_ chars: [Character], _ index: Int, _ marker: String) -> Bool {
        let m = Array(marker)
        guard index + m.count <= chars.count else { return false }
        for i in 0..<m.count where chars[index + i] != m[i] { return false }
        // A closer must not be preceded by a space ("a * b * c" is not italic).
        if index > 0, chars[index - 1] == " " { return false }
        if m.count == 1, index + 1 < chars.count, chars[index + 1] == m[0] { return false }
        return true
    }

    private static func hasCloser(_ chars: [Character], from start: Int, marker: String) -> Bool {
        var i = start
        while i < chars.count {
            if chars[i] == "`" {
                let run = countRun(chars, i, "`")
                if let end = findCodeEnd(chars, from: i + run, run: run) { i = end + run; continue }
            }
            if matches(chars, i, marker) { return true }
            i += 1
        }
        return false
    }

    private static func countRun(_ chars: [Character], _ index: Int, _ ch: Character) -> Int {
        var n = 0
        while index + n < chars.count, chars[index + n] == ch { n += 1 }
        return n
    }

    private static func findCodeEnd(_ chars: [Character], from start: Int, run: Int) -> Int? {
        var i = start
        while i < chars.count {
            if chars[i] == "`" {
                let n = countRun(chars, i, "`")
                if n == run { return i }
                i += n
            } else {
                i += 1
            }
        }
        return nil
    }

    /// For `[text](url)` starting at `start`: the index of `]` and of `)`.
    private static func linkBounds(_ chars: [Character], from start: Int) -> (Int, Int)? {
        var depth = 0
        var i = start
        var close: Int?
        while i < chars.count {
            if chars[i] == "[" { depth += 1 }
            if chars[i] == "]" {
                depth -= 1
                if depth == 0 { close = i; break }
            }
            i += 1
        }
        guard let textEnd = close, textEnd + 1 < chars.count, chars[textEnd + 1] == "(" else { return nil }
        var j = textEnd + 2
        while j < chars.count, chars[j] != ")", chars[j] != " " { j += 1 }
        guard j < chars.count, chars[j] == ")" else { return nil }
        return (textEnd, j)
    }

    private static func merge(_ spans: [InlineSpan]) -> [InlineSpan] {
        var out: [InlineSpan] = []
        for span in spans {
            if case .text(let s) = span, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(previous + s)
            } else {
                out.append(span)
            }
        }
        return out
    }
}
