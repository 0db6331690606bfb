/// Word-wraps styled text to a column width, keeping ANSI styles intact across line breaks.
public enum TextWrapper {
    /// Wraps `text` (which may contain ANSI escapes and `\n` hard breaks) to `width` columns.
    /// Words longer than the width are split. Each returned line carries no trailing spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result.append(contentsOf: wrapLine(String(paragraph), width: width))
        }
        return result
    }

    private static func wrapLine(_ text: String, width: Int) -> [String] {
        if text.isEmpty { return [""] }
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
                if currentWidth > 0, currentWidth < width {
                    current += " "
                    currentWidth += 1
                }
                continue
            }
            let w = DisplayWidth.of(word)
            if currentWidth + w > width, currentWidth > 0 {
                lines.append(closeLine(current, activeCodes))
                current = activeCodes.joined()
                currentWidth = 0
            }
            if w > width {
                // Split an over-long word by columns.
                var piece = ""
                var pieceWidth = 0
                for ch in word {
                    let cw = DisplayWidth.of(String(ch))
                    if pieceWidth + cw > width - currentWidth, pieceWidth > 0 || currentWidth > 0 {
                        lines.append(closeLine(current + piece, activeCodes))
                        current = activeCodes.joined()
                        currentWidth = 0
                        piece = ""
                        pieceWidth = 0
                    }
                    piece.append(ch)
                    pieceWidth += cw
                }
                current += piece
                currentWidth += pieceWidth
            } else {
                current += word
                currentWidth += w
            }
            updateCodes(&activeCodes, with: word)
        }
        lines.append(closeLine(current, activeCodes))
        return lines.map { trimTrailingSpaces($0) }
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
