import Foundation

/// Turns the HTML of a Moodle `[html]` question into the Markdown our banks hold: paragraphs,
/// line breaks, emphasis, code, lists and links become their Markdown forms, entities
/// (`&mdash;`, `&#8217;`, `&amp;`) are decoded, and any other tag is dropped, keeping its text.
///
/// Moodle's editor writes a small, regular subset of HTML; this reads that subset, not the web.
enum HTMLText {
    static func markdown(_ html: String) -> String {
        var out = ""
        var lists: [(ordered: Bool, count: Int)] = []
        var link: String?
        var inPre = false
        var index = html.startIndex
        while index < html.endIndex {
            let ch = html[index]
            if ch == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = Tag(String(html[html.index(after: index)..<close]))
                index = html.index(after: close)
                switch (tag.name, tag.closing) {
                case ("p", false), ("div", false):
                    out.breakParagraph()
                case ("p", true), ("div", true):
                    out.breakParagraph()
                case ("br", _):
                    out += "\n"
                case ("strong", _), ("b", _):
                    out += "**"
                case ("em", _), ("i", _):
                    out += "*"
                case ("code", _) where !inPre:
                    out += "`"
                case ("pre", false):
                    out.breakParagraph()
                    out += "```\n"
                    inPre = true
                case ("pre", true):
                    if !out.hasSuffix("\n") { out += "\n" }
                    out += "```"
                    inPre = false
                    out.breakParagraph()
                case ("ul", false), ("ol", false):
                    out.breakParagraph()
                    lists.append((tag.name == "ol", 0))
                case ("ul", true), ("ol", true):
                    _ = lists.popLast()
                    out.breakParagraph()
                case ("li", false):
                    if !out.isEmpty, !out.hasSuffix("\n") { out += "\n" }
                    if var list = lists.popLast() {
                        list.count += 1
                        out += String(repeating: "  ", count: lists.count) + (list.ordered ? "\(list.count). " : "- ")
                        lists.append(list)
                    } else {
                        out += "- "
                    }
                case ("a", false):
                    link = tag.attribute("href")
                    if link != nil { out += "[" }
                case ("a", true):
                    if let target = link { out += "](\(target))" }
                    link = nil
                default:
                    break  // span, font, img…: the text stays, the markup goes
                }
                continue
            }
            if ch == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
               let decoded = entity(String(html[html.index(after: index)..<semicolon])) {
                out += decoded
                index = html.index(after: semicolon)
                continue
            }
            if !inPre, ch.isWhitespace {
                // HTML collapses whitespace, newlines included.
                if let last = out.last, !last.isWhitespace { out += " " }
            } else {
                out.append(ch)
            }
            index = html.index(after: index)
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingTrailingSpaces }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "—", "ndash": "–",
        "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "times": "×", "rarr": "→",
        "larr": "←", "le": "≤", "ge": "≥", "copy": "©", "reg": "®", "trade": "™", "deg": "°", "middot": "·", "bull": "•",
    ]

    /// `mdash` → `—`, `#8217` → `’`, `#x2014` → `—`; nil for anything else (left as written).
    static func entity(_ name: String) -> String? {
        if let text = named[name] { return text }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(UnicodeScalar.init).map { String(Character($0)) }
    }

    /// One tag: its lower-cased name, whether it closes, and its attributes' text.
    struct Tag {
        var name: String
        var closing: Bool
        var body: String

        init(_ raw: String) {
            var text = raw.trimmingCharacters(in: .whitespaces)
            closing = text.hasPrefix("/")
            if closing { text.removeFirst() }
            if text.hasSuffix("/") { text.removeLast() }
            let parts = text.split(maxSplits: 1, whereSeparator: \.isWhitespace)
            name = parts.first.map { $0.lowercased() } ?? ""
            body = parts.count > 1 ? String(parts[1]) : ""
        }

        /// The value of `key="…"` (or single quotes), entities decoded.
        func attribute(_ key: String) -> String? {
            guard let range = body.range(of: "\(key)=", options: .caseInsensitive) else { return nil }
            var rest = body[range.upperBound...]
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { return nil }
            return HTMLText.markdown(String(rest[..<end]))
        }
    }
}

private extension String {
    /// Ends what was written with a blank line, once (no blank lines at the very start).
    mutating func breakParagraph() {
        while hasSuffix(" ") { removeLast() }
        guard !isEmpty else { return }
        while hasSuffix("\n\n\n") { removeLast() }
        if hasSuffix("\n\n") { return }
        self += hasSuffix("\n") ? "\n" : "\n\n"
    }

    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
