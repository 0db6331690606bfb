import Foundation

/// A small CommonMark-flavoured block parser: enough for lessons and question stems
/// (headings, paragraphs, fenced code, lists, pipe tables, blockquotes and callouts, rules).
///
/// It never fails: anything it does not recognise is a paragraph. Problems a lesson author
/// should hear about (an unclosed fence) are reported through `diagnostics` with the line.
package struct MarkdownParser: Sendable {
    package struct Problem: Sendable, Hashable {
        package let line: Int
        package let column: Int
        package let message: String
    }

    package private(set) var problems: [Problem] = []

    package init() {}

    /// Parses `text`; `firstLine` is the file line of the text's first line (for front matter
    /// offsets), so every block's `line` is a real file line.
    package mutating func parse(_ text: String, firstLine: Int = 1) -> [MarkdownBlock] {
        parse(lines: text.splitLines(), firstLine: firstLine)
    }

    /// Parses text already split into lines (no `\n` inside, no trailing `\r`).
    package mutating func parse(lines: [String], firstLine: Int = 1) -> [MarkdownBlock] {
        parseBlocks(lines[...], baseLine: firstLine)
    }

    /// Convenience for callers that do not need problems.
    package static func parse(_ text: String, firstLine: Int = 1) -> [MarkdownBlock] {
        var parser = MarkdownParser()
        return parser.parse(text, firstLine: firstLine)
    }

    // MARK: - Blocks

    private mutating func parseBlocks(_ lines: ArraySlice<String>, baseLine: Int) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var index = lines.startIndex
        func lineNumber(_ i: Int) -> Int { baseLine + (i - lines.startIndex) }

        while index < lines.endIndex {
            let line = lines[index]
            let trimmed = line.trimmedSpaces
            if trimmed.isEmpty {
                index += 1
                continue
            }
            // Fenced code.
            if let fence = Self.fenceOpening(line) {
                let start = index
                var body: [String] = []
                index += 1
                var closed = false
                while index < lines.endIndex {
                    let candidate = lines[index]
                    let stripped = candidate.trimmedSpaces
                    if stripped.hasPrefix(fence.marker), stripped.allSatisfy({ $0 == fence.marker.first }) {
                        closed = true
                        index += 1
                        break
                    }
                    body.append(Self.removeIndent(candidate, upTo: fence.indent))
                    index += 1
                }
                if !closed {
                    problems.append(Problem(line: lineNumber(start), column: fence.indent + 1,
                                            message: "code block opened here is never closed (expected a line with \(fence.marker))"))
                }
                blocks.append(.code(info: fence.info, body: body.joined(separator: "\n"), line: lineNumber(start)))
                continue
            }
            // Heading.
            if let heading = Self.heading(trimmed) {
                blocks.append(.heading(level: heading.level, text: heading.text, line: lineNumber(index)))
                index += 1
                continue
            }
            // Thematic break.
            if Self.isRule(trimmed) {
                blocks.append(.rule(line: lineNumber(index)))
                index += 1
                continue
            }
            // Blockquote (and callouts).
            if trimmed.hasPrefix(">") {
                let start = index
                var inner: [String] = []
                while index < lines.endIndex {
                    let candidate = lines[index].trimmedSpaces
                    guard candidate.hasPrefix(">") else { break }
                    var content = String(candidate.dropFirst())
                    if content.hasPrefix(" ") { content.removeFirst() }
                    inner.append(content)
                    index += 1
                }
                let innerBlocks = parseBlocks(inner[...], baseLine: lineNumber(start))
                if let callout = Self.callout(from: innerBlocks) {
                    blocks.append(.callout(kind: callout.kind, body: callout.body, line: lineNumber(start)))
                } else {
                    blocks.append(.quote(blocks: innerBlocks, line: lineNumber(start)))
                }
                continue
            }
            // Table: a pipe row followed by a delimiter row.
            if trimmed.hasPrefix("|") || trimmed.contains("|"),
               index + 1 < lines.endIndex,
               let alignments = Self.tableDelimiter(lines[index + 1]) {
                let header = Self.tableCells(trimmed)
                let start = index
                index += 2
                var rows: [[String]] = []
                while index < lines.endIndex {
                    let row = lines[index].trimmedSpaces
                    guard !row.isEmpty, row.contains("|") else { break }
                    var cells = Self.tableCells(row)
                    if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
                    rows.append(Array(cells.prefix(header.count)))
                    index += 1
                }
                let aligned = alignments.count >= header.count ? Array(alignments.prefix(header.count))
                    : alignments + Array(repeating: .left, count: header.count - alignments.count)
                blocks.append(.table(header: header, alignments: aligned, rows: rows, line: lineNumber(start)))
                continue
            }
            // Lists.
            if let marker = Self.listMarker(line) {
                let start = index
                var items: [[MarkdownBlock]] = []
                var current: [String] = []
                var currentStart = index
                let ordered = marker.ordered
                let startNumber = marker.number
                func flush(_ parser: inout MarkdownParser) {
                    if !current.isEmpty {
                        items.append(parser.parseBlocks(current[...], baseLine: lineNumber(currentStart)))
                    }
                    current = []
                }
                while index < lines.endIndex {
                    let candidate = lines[index]
                    if let next = Self.listMarker(candidate), next.indent <= marker.indent, next.ordered == ordered {
                        flush(&self)
                        currentStart = index
                        current.append(String(candidate.dropFirst(next.contentOffset)))
                        index += 1
                        continue
                    }
                    let stripped = candidate.trimmedSpaces
                    if stripped.isEmpty {
                        // A blank line ends the list unless the next line is indented or another item.
                        let nextIndex = index + 1
                        if nextIndex < lines.endIndex {
                            let next = lines[nextIndex]
                            if let other = Self.listMarker(next), other.indent <= marker.indent, other.ordered == ordered {
                                current.append("")
                                index += 1
                                continue
                            }
                            if Self.indentation(next) > marker.indent, !next.trimmedSpaces.isEmpty {
                                current.append("")
                                index += 1
                                continue
                            }
                        }
                        break
                    }
                    let indent = Self.indentation(candidate)
                    if indent > marker.indent {
                        current.append(Self.removeIndent(candidate, upTo: marker.contentOffset))
                        index += 1
                        continue
                    }
                    // Lazy continuation of a paragraph inside the item.
                    if Self.listMarker(candidate) == nil, !stripped.hasPrefix(">"), !stripped.hasPrefix("#"),
                       Self.fenceOpening(candidate) == nil, !(current.last ?? "").isEmpty {
                        current.append(stripped)
                        index += 1
                        continue
                    }
                    break
                }
                flush(&self)
                blocks.append(.list(ordered: ordered, start: startNumber, items: items, line: lineNumber(start)))
                continue
            }
            // Paragraph: until a blank line or the start of another block.
            let start = index
            var text: [String] = []
            while index < lines.endIndex {
                let candidate = lines[index]
                let stripped = candidate.trimmedSpaces
                if stripped.isEmpty { break }
                if index != start, Self.fenceOpening(candidate) != nil || Self.heading(stripped) != nil
                    || stripped.hasPrefix(">") || Self.listMarker(candidate) != nil || Self.isRule(stripped) {
                    break
                }
                text.append(stripped)
                index += 1
            }
            blocks.append(.paragraph(text: Self.joinParagraph(text), line: lineNumber(start)))
        }
        return blocks
    }

    /// Joins paragraph lines with spaces, keeping hard breaks (two trailing spaces or a
    /// trailing backslash) as newlines.
    static func joinParagraph(_ lines: [String]) -> String {
        var out = ""
        for (i, line) in lines.enumerated() {
            var piece = line
            var hardBreak = false
            if piece.hasSuffix("\\") {
                piece.removeLast()
                hardBreak = true
            }
            out += piece
            if i < lines.count - 1 { out += hardBreak ? "\n" : " " }
        }
        return out
    }

    // MARK: - Line classifiers

    struct Fence {
        let marker: String
        let info: String
        let indent: Int
    }

    static func fenceOpening(_ line: String) -> Fence? {
        let indent = indentation(line)
        guard indent < 4 else { return nil }
        let trimmed = line.trimmedSpaces
        for char in ["`", "~"] {
            let run = trimmed.prefix { String($0) == char }.count
            if run >= 3 {
                let info = String(trimmed.dropFirst(run)).trimmedSpaces
                if char == "`", info.contains("`") { return nil }
                return Fence(marker: String(repeating: char, count: run), info: info, indent: indent)
            }
        }
        return nil
    }

    static func heading(_ trimmed: String) -> (level: Int, text: String)? {
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmedSpaces
        // Optional closing hashes.
        while text.hasSuffix("#") { text.removeLast() }
        return (hashes, text.trimmedSpaces)
    }

    static func isRule(_ trimmed: String) -> Bool {
        var marker: Character?
        var count = 0
        for ch in trimmed where ch != " " {
            if let marker {
                guard ch == marker else { return false }
            } else {
                guard ch == "-" || ch == "*" || ch == "_" else { return false }
                marker = ch
            }
            count += 1
        }
        return count >= 3
    }

    struct ListMarker {
        let ordered: Bool
        let number: Int
        let indent: Int
        /// Offset of the item's content from the start of the line.
        let contentOffset: Int
    }

    static func listMarker(_ line: String) -> ListMarker? {
        let indent = indentation(line)
        let rest = line.dropFirst(indent)
        guard let first = rest.first else { return nil }
        if "-*+".contains(first) {
            let after = rest.dropFirst()
            guard after.first == " " else { return nil }
            // "---" etc. are rules, not lists.
            if isRule(line.trimmedSpaces) { return nil }
            let spaces = after.prefix { $0 == " " }.count
            return ListMarker(ordered: false, number: 1, indent: indent, contentOffset: indent + 1 + min(spaces, 4))
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let afterDigits = rest.dropFirst(digits.count)
        guard let delimiter = afterDigits.first, delimiter == "." || delimiter == ")" else { return nil }
        let afterDelimiter = afterDigits.dropFirst()
        guard afterDelimiter.first == " " else { return nil }
        let spaces = afterDelimiter.prefix { $0 == " " }.count
        return ListMarker(ordered: true, number: Int(digits) ?? 1, indent: indent,
                          contentOffset: indent + digits.count + 1 + min(spaces, 4))
    }

    static func tableDelimiter(_ line: String) -> [TableAlignment]? {
        let trimmed = line.trimmedSpaces
        guard trimmed.contains("-"), trimmed.contains("|") || trimmed.hasPrefix(":") || trimmed.hasPrefix("-") else { return nil }
        let cells = tableCells(trimmed)
        guard !cells.isEmpty else { return nil }
        var result: [TableAlignment] = []
        for cell in cells {
            let c = cell.trimmedSpaces
            guard !c.isEmpty, c.allSatisfy({ $0 == "-" || $0 == ":" }), c.contains("-") else { return nil }
            switch (c.hasPrefix(":"), c.hasSuffix(":")) {
            case (true, true): result.append(.center)
            case (false, true): result.append(.right)
            default: result.append(.left)
            }
        }
        return result
    }

    /// Splits a pipe-table row into trimmed cells; `\|` is a literal pipe.
    static func tableCells(_ row: String) -> [String] {
        var s = row.trimmedSpaces
        if s.hasPrefix("|") { s.removeFirst() }
        if s.hasSuffix("|"), !s.hasSuffix("\\|") { s.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        var inCode = false
        for ch in s {
            if escaped {
                if ch != "|" { current.append("\\") }
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "`" {
                inCode.toggle()
                current.append(ch)
            } else if ch == "|", !inCode {
                cells.append(current.trimmedSpaces)
                current = ""
            } else {
                current.append(ch)
            }
        }
        cells.append(current.trimmedSpaces)
        return cells
    }

    static func indentation(_ line: String) -> Int {
        var count = 0
        for ch in line {
            if ch == " " { count += 1 } else if ch == "\t" { count += 4 - count % 4 } else { break }
        }
        return count
    }

    static func removeIndent(_ line: String, upTo width: Int) -> String {
        var removed = 0
        var index = line.startIndex
        while index < line.endIndex, removed < width, line[index] == " " {
            removed += 1
            index = line.index(after: index)
        }
        return String(line[index...])
    }

    /// Recognises `**Exam tip:** text` (label bold, colon inside or right after the bold).
    static func callout(from blocks: [MarkdownBlock]) -> (kind: CalloutKind, body: [MarkdownBlock])? {
        guard case .paragraph(let text, let line)? = blocks.first, text.hasPrefix("**") else { return nil }
        let afterOpen = text.dropFirst(2)
        guard let close = afterOpen.range(of: "**") else { return nil }
        var label = String(afterOpen[..<close.lowerBound])
        var rest = String(afterOpen[close.upperBound...])
        if label.hasSuffix(":") {
            label.removeLast()
        } else if rest.hasPrefix(":") {
            rest.removeFirst()
        } else {
            return nil
        }
        guard let kind = CalloutKind(label: label) else { return nil }
        rest = rest.trimmedSpaces
        // The label is dropped from the box, so the sentence after it starts the text.
        if let first = rest.first, first.isLowercase { rest = first.uppercased() + rest.dropFirst() }
        var body = Array(blocks.dropFirst())
        if !rest.isEmpty { body.insert(.paragraph(text: rest, line: line), at: 0) }
        return (kind, body)
    }
}
