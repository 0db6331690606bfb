import TutorSupport
import Foundation

/// Renders Markdown blocks for the terminal: wrapped paragraphs, styled headings and inline
/// markup, code in a gutter, aligned tables, callouts in boxes.
///
/// Output depends only on the blocks, the width and the style, so golden files pin it down.
package struct MarkdownRenderer: Sendable {
    package var style: Style
    package var width: Int

    package init(style: Style, width: Int) {
        self.style = style
        self.width = max(width, 20)
    }

    package func render(markdown: String) -> String {
        render(MarkdownParser.parse(markdown))
    }

    package func render(_ blocks: [MarkdownBlock]) -> String {
        renderBlocks(blocks, width: width).joined(separator: "\n")
    }

    /// Inline markup with styles applied (bold, italic, code, links).
    package func inline(_ text: String) -> String {
        renderSpans(InlineMarkdown.parse(text))
    }

    // MARK: - Blocks

    func renderBlocks(_ blocks: [MarkdownBlock], width: Int) -> [String] {
        var lines: [String] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { lines.append("") }
            lines.append(contentsOf: renderBlock(block, width: width))
        }
        return lines
    }

    func renderBlock(_ block: MarkdownBlock, width: Int) -> [String] {
        switch block {
        case .heading(let level, let text, _):
            let rendered = inline(text)
            switch level {
            case 1:
                let plainWidth = min(DisplayWidth.of(InlineMarkdown.plainText(text)), width)
                return TextWrapper.wrap(style.heading(rendered), width: width)
                    + [style.muted(String(repeating: "═", count: plainWidth))]
            case 2:
                let plainWidth = min(DisplayWidth.of(InlineMarkdown.plainText(text)), width)
                return TextWrapper.wrap(style.heading(rendered), width: width)
                    + [style.muted(String(repeating: "─", count: plainWidth))]
            default:
                return TextWrapper.wrap(style.bold(rendered), width: width)
            }
        case .paragraph(let text, _):
            return renderParagraph(text, width: width)
        case .code(let info, let body, _):
            return renderCode(info: info, body: body, width: width)
        case .list(let ordered, let start, let items, _):
            return renderList(ordered: ordered, start: start, items: items, width: width)
        case .table(let header, let alignments, let rows, _):
            var table = TextTable(columns: zip(header, alignments).map { title, alignment in
                TextTable.Column(inline(title), alignment: alignment == .right ? .right : alignment == .center ? .center : .left)
            })
            for row in rows { table.add(row.map { inline($0) }) }
            return table.render(width: width, style: style).components(separatedBy: "\n")
        case .quote(let blocks, _):
            let bar = style.muted("│") + " "
            return renderBlocks(blocks, width: width - 2).map { bar + $0 }
        case .callout(let kind, let body, _):
            return renderCallout(kind: kind, body: body, width: width)
        case .rule:
            return [style.muted(String(repeating: "─", count: min(width, 40)))]
        }
    }

    /// A paragraph wrapped to the width. A line after a hard break that starts with a label
    /// (`A)`, `**B)**`, `1.`; a checkpoint's options) continues under its text, not under the
    /// label, and never runs into the line before it.
    func renderParagraph(_ text: String, width: Int) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Emphasis or code that spans a break is rendered whole, as before.
        guard lines.count > 1, lines.contains(where: { Self.labelWidth(InlineMarkdown.plainText(String($0))) > 0 }) else {
            return TextWrapper.wrap(inline(text), width: width)
        }
        return lines.flatMap { part -> [String] in
            let line = String(part)
            return TextWrapper.wrap(inline(line), width: width, hangingIndent: Self.labelWidth(InlineMarkdown.plainText(line)))
        }
    }

    /// The width of a leading option label and the space after it (`B) ` is 3), or 0.
    static func labelWidth(_ plain: String) -> Int {
        let label = plain.prefix { $0 != " " }
        guard label.count >= 2, label.count <= 4, let last = label.last, last == ")" || last == ".",
              label.dropLast().allSatisfy({ $0.isLetter || $0.isNumber }), plain.dropFirst(label.count).first == " " else { return 0 }
        return label.count + 1
    }

    func renderCode(info: String, body: String, width: Int) -> [String] {
        var lines: [String] = []
        let gutter = style.muted("│") + " "
        let label = info.isEmpty ? "" : info
        lines.append(style.muted("╭─" + (label.isEmpty ? "" : " \(label) ")))
        let inner = max(width - 2, 10)
        for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let expanded = raw.replacingOccurrences(of: "\t", with: "    ")
            if expanded.isEmpty {
                lines.append(style.muted("│"))
                continue
            }
            for piece in Self.breakCodeLine(expanded, width: inner) {
                lines.append(gutter + style.code(piece))
            }
        }
        lines.append(style.muted("╰─"))
        return lines
    }

    /// Code is never reflowed, but a line wider than the box is broken — at a space when there
    /// is one in the right half of the line (so commands stay readable), else at the width —
    /// and continued with four more spaces of indent than the line had.
    static func breakCodeLine(_ line: String, width: Int) -> [String] {
        guard DisplayWidth.of(line) > width else { return [line] }
        let indent = String(repeating: " ", count: min(line.prefix { $0 == " " }.count + 4, width / 2))
        var pieces: [String] = []
        var rest = Substring(line)
        var limit = width
        while DisplayWidth.of(String(rest)) > limit {
            var cut = rest.startIndex
            var used = 0
            var lastSpace: Substring.Index?
            for index in rest.indices {
                let w = DisplayWidth.of(String(rest[index]))
                if used + w > limit { break }
                used += w
                if rest[index] == " ", used > limit / 2 { lastSpace = index }
                cut = rest.index(after: index)
            }
            if let space = lastSpace { cut = space }
            if cut == rest.startIndex { cut = rest.index(after: rest.startIndex) }
            pieces.append(String(rest[..<cut]))
            rest = rest[cut...].drop { $0 == " " }
            limit = width - indent.count
            if rest.isEmpty { break }
            rest = Substring(indent) + rest
            limit = width
        }
        if !rest.isEmpty { pieces.append(String(rest)) }
        return pieces
    }

    func renderList(ordered: Bool, start: Int, items: [[MarkdownBlock]], width: Int) -> [String] {
        var lines: [String] = []
        let lastNumber = start + items.count - 1
        let markerWidth = ordered ? "\(lastNumber).".count + 1 : 2
        for (offset, item) in items.enumerated() {
            let marker = ordered ? "\(start + offset)." : "•"
            let content = renderItem(item, width: width - markerWidth)
            for (lineIndex, line) in content.enumerated() {
                if lineIndex == 0 {
                    lines.append(DisplayWidth.pad(ordered ? marker : style.accent(marker), to: markerWidth) + line)
                } else {
                    lines.append(line.isEmpty ? "" : String(repeating: " ", count: markerWidth) + line)
                }
            }
        }
        return lines
    }

    /// List items are rendered tight: paragraphs inside an item are not separated by blank
    /// lines, nested lists follow directly.
    func renderItem(_ blocks: [MarkdownBlock], width: Int) -> [String] {
        var lines: [String] = []
        for (index, block) in blocks.enumerated() {
            if index > 0, case .paragraph = block { lines.append("") }
            lines.append(contentsOf: renderBlock(block, width: width))
        }
        return lines
    }

    func renderCallout(kind: CalloutKind, body: [MarkdownBlock], width: Int) -> [String] {
        let boxWidth = min(width, 78)
        let inner = boxWidth - 4
        let title = " \(kind.rawValue) "
        let color: Style.Color
        switch kind {
        case .examTip: color = .magenta
        case .warning: color = .red
        case .remember: color = .cyan
        case .note, .tip: color = .blue
        }
        let top = "╭─" + title + String(repeating: "─", count: max(0, boxWidth - 3 - DisplayWidth.of(title))) + "╮"
        var lines = [style.color(color, top.replacingOccurrences(of: title, with: style.bold(title)))]
        for line in renderBlocks(body, width: inner) {
            lines.append(style.color(color, "│") + " " + DisplayWidth.pad(line, to: inner) + " " + style.color(color, "│"))
        }
        lines.append(style.color(color, "╰" + String(repeating: "─", count: boxWidth - 2) + "╯"))
        return lines
    }

    // MARK: - Inline

    func renderSpans(_ spans: [InlineSpan]) -> String {
        spans.map { span -> String in
            switch span {
            case .text(let s): return s
            case .bold(let inner): return style.bold(renderSpans(inner))
            case .italic(let inner): return style.italic(renderSpans(inner))
            case .code(let s): return style.code(s)
            case .link(let text, let url):
                let label = renderSpans(text)
                let plain = InlineMarkdown.plain(text)
                return plain == url ? style.underline(label) : "\(style.underline(label)) \(style.muted("(\(url))"))"
            case .lineBreak: return "\n"
            }
        }.joined()
    }
}
