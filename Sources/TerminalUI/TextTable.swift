import Foundation
/// A column-aligned table for the terminal: lesson lists, progress, fact listings, results.
///
/// Columns keep their natural width when they fit; otherwise the widest columns are narrowed
/// and their cells wrapped between words, so a table never runs past the terminal edge. When
/// even that cannot fit (a terminal too narrow for the longest words side by side), the rows
/// are shown one after another as `title: value` lines rather than cutting words.
package struct TextTable: Sendable {
    package struct Column: Sendable {
        package var title: String
        package var alignment: DisplayWidth.Alignment
        package init(_ title: String, alignment: DisplayWidth.Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    package var columns: [Column]
    package var rows: [[String]]
    /// Draw a header row and a rule under it.
    package var showHeader: Bool
    package var indent: Int

    package init(columns: [Column], rows: [[String]] = [], showHeader: Bool = true, indent: Int = 0) {
        self.columns = columns
        self.rows = rows
        self.showHeader = showHeader
        self.indent = indent
    }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func render(width: Int, style: Style) -> String {
        guard !columns.isEmpty else { return "" }
        let gap = 2
        let available = max(columns.count * 4, width - indent - gap * (columns.count - 1))
        var widths = columns.indices.map { i -> Int in
            let cells = rows.map { i < $0.count ? $0[i] : "" } + (showHeader ? [columns[i].title] : [])
            return cells.flatMap { $0.split(separator: "\n").map { DisplayWidth.of(String($0)) } }.max() ?? 0
        }
        // Shrink until the table fits: first only columns still wider than their longest word
        // (so words wrap whole), then any column down to 4.
        let longestWord = columns.indices.map { i -> Int in
            let cells = rows.map { i < $0.count ? $0[i] : "" } + (showHeader ? [columns[i].title] : [])
            return cells.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }) }.map { DisplayWidth.of(String($0)) }.max() ?? 0
        }
        func shrink(floor: (Int) -> Int) {
            while widths.reduce(0, +) > available,
                  let widest = widths.indices.filter({ widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] }) {
                widths[widest] -= 1
            }
        }
        shrink { max(longestWord[$0], 4) }
        let pad = String(repeating: " ", count: indent)
        if widths.reduce(0, +) > available {
            return records(width: width, style: style)
        }
        var lines: [String] = []
        func emit(_ cells: [String], header: Bool) {
            let wrapped = columns.indices.map { i -> [String] in
                let cell = i < cells.count ? cells[i] : ""
                return TextWrapper.wrap(cell, width: widths[i])
            }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var parts: [String] = []
                for i in columns.indices {
                    let text = lineIndex < wrapped[i].count ? wrapped[i][lineIndex] : ""
                    let styled = header ? style.bold(text) : text
                    let isLast = i == columns.count - 1
                    if isLast, columns[i].alignment == .left {
                        parts.append(styled)
                    } else {
                        parts.append(DisplayWidth.pad(styled, to: widths[i], alignment: columns[i].alignment))
                    }
                }
                var line = pad + parts.joined(separator: String(repeating: " ", count: gap))
                while line.hasSuffix(" ") { line.removeLast() }
                lines.append(line)
            }
        }
        if showHeader {
            emit(columns.map(\.title), header: true)
            let total = widths.reduce(0, +) + gap * (columns.count - 1)
            lines.append(pad + style.muted(String(repeating: "─", count: total)))
        }
        for row in rows { emit(row, header: false) }
        return lines.joined(separator: "\n")
    }

    /// Each row as a block: its first cell, then the others as `title: value`, wrapped
    /// between words under the value.
    func records(width: Int, style: Style) -> String {
        let pad = String(repeating: " ", count: indent)
        var blocks: [String] = []
        for row in rows {
            var lines: [String] = []
            for (i, cell) in row.enumerated() where !cell.isEmpty {
                let title = i < columns.count ? columns[i].title.trimmingCharacters(in: .whitespaces) : ""
                if i == 0 {
                    lines += TextWrapper.wrap(pad + cell, width: width, hangingIndent: indent + 2)
                } else {
                    let label = title.isEmpty ? "" : style.muted(title + ": ")
                    let lead = pad + "  " + label
                    // Under the label when the longest word fits there, else just indented.
                    let longest = cell.split(separator: " ").map { DisplayWidth.of(String($0)) }.max() ?? 0
                    let hanging = DisplayWidth.of(lead) + longest <= width ? DisplayWidth.of(lead) : indent + 4
                    lines += TextWrapper.wrap(lead + cell, width: width, hangingIndent: hanging)
                }
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n")
    }
}
