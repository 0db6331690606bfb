/// A block of a Markdown document, with the 1-based source line it starts on.
///
/// Lessons and question stems are Markdown. Parsing is kept apart from rendering so the lesson
/// engine and the quiz engine (which never touch a terminal) can read structure and report
/// `file:line` problems, while TerminalUI decides how it looks.
package indirect enum MarkdownBlock: Sendable, Hashable {
    case heading(level: Int, text: String, line: Int)
    case paragraph(text: String, line: Int)
    /// A fenced block: `info` is the text after the opening fence (e.g. `python`, `try`,
    /// `handler node`); `body` excludes the fences.
    case code(info: String, body: String, line: Int)
    case list(ordered: Bool, start: Int, items: [[MarkdownBlock]], line: Int)
    case table(header: [String], alignments: [TableAlignment], rows: [[String]], line: Int)
    case quote(blocks: [MarkdownBlock], line: Int)
    /// A blockquote that opens with a bold label such as `**Exam tip:**`, `**Warning:**` or
    /// `**Remember:**`; `body` is the quote with the label removed.
    case callout(kind: CalloutKind, body: [MarkdownBlock], line: Int)
    case rule(line: Int)

    package var line: Int {
        switch self {
        case .heading(_, _, let line), .paragraph(_, let line), .code(_, _, let line),
             .list(_, _, _, let line), .table(_, _, _, let line), .quote(_, let line),
             .callout(_, _, let line), .rule(let line):
            return line
        }
    }
}

package enum TableAlignment: Sendable, Hashable {
    case left, center, right
}

/// The callout labels lesson authors can use (`> **Exam tip:** …`).
package enum CalloutKind: String, Sendable, Hashable, CaseIterable {
    case examTip = "Exam tip"
    case warning = "Warning"
    case remember = "Remember"
    case note = "Note"
    case tip = "Tip"

    /// Matches a label case-insensitively, e.g. "exam tip" or "EXAM TIP".
    package init?(label: String) {
        let wanted = label.trimmingCharacters(in: .whitespaces).lowercased()
        guard let kind = Self.allCases.first(where: { $0.rawValue.lowercased() == wanted }) else { return nil }
        self = kind
    }
}

import Foundation
