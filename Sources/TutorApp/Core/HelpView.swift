import TerminalUI
import Foundation

/// The text of `help` and `help COMMAND`.
struct HelpView {
    let registry: CommandRegistry
    let style: Style
    let width: Int

    func overview() -> String {
        var lines: [String] = [style.bold("Commands") + style.muted("  (help COMMAND for details and examples; Tab completes)")]
        let column = usageColumn()
        for group in Command.Group.allCases {
            let commands = registry.commands.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            lines.append("")
            lines.append(style.heading(group.rawValue))
            for command in commands { lines += entry(command, column: column) }
        }
        lines.append("")
        lines += TextWrapper.wrap(items: ["Ctrl-C cancels the line or the running command", "Ctrl-R searches history", "Ctrl-D or quit leaves"],
                                  separator: " · ", width: width, indent: "").map(style.muted)
        return lines.joined(separator: "\n")
    }

    /// Where the descriptions start, the same in every group: after the usages that fit in a
    /// third of the line. A longer usage (`fn new|edit|config|…`) takes a line of its own with its
    /// description under it, instead of squeezing every description of its group into a
    /// narrow column (at 80 columns that wrapped one-line summaries over four lines).
    func usageColumn() -> Int {
        let indent = 2, gap = 2
        let cap = max(12, width / 3)
        let fitting = registry.commands.map { DisplayWidth.of($0.synopsis) }.filter { $0 <= cap }
        return indent + (fitting.max() ?? cap) + gap
    }

    /// One command of the overview: its usage, then its summary from `column` on.
    func entry(_ command: Command, column: Int) -> [String] {
        let usage = "  " + style.code(command.synopsis)
        let pad = String(repeating: " ", count: column)
        let summary = TextWrapper.wrap(command.summary, width: max(20, width - column))
        if DisplayWidth.of(usage) + 2 <= column {
            let first = DisplayWidth.pad(usage, to: column, alignment: .left) + (summary.first ?? "")
            return [first] + summary.dropFirst().map { pad + $0 }
        }
        return TextWrapper.wrap(usage, width: width, hangingIndent: 6) + summary.map { pad + $0 }
    }

    func detail(_ command: Command) -> String {
        var lines: [String] = []
        lines.append(style.heading(command.name) + " — " + command.summary)
        lines.append("")
        lines.append(style.bold("Usage"))
        for usage in command.usage { lines += TextWrapper.wrap("  " + style.code(usage), width: width, hangingIndent: 6) }
        if !command.aliases.isEmpty {
            lines.append("  " + style.muted("also: " + command.aliases.joined(separator: ", ")))
        }
        if let discussion = command.discussion {
            lines.append("")
            lines.append(contentsOf: MarkdownRenderer(style: style, width: width).render(markdown: discussion).components(separatedBy: "\n"))
        }
        if !command.options.isEmpty {
            lines.append("")
            lines.append(style.bold("Options"))
            var table = TextTable(columns: [.init("option"), .init("meaning")], showHeader: false, indent: 2)
            for option in command.options {
                let name = "--\(option.name)" + (option.value.map { " \($0)" } ?? "")
                table.add([style.code(name), option.help + (option.repeatable ? " (repeatable)" : "")])
            }
            lines.append(table.render(width: width, style: style))
        }
        if !command.examples.isEmpty {
            lines.append("")
            lines.append(style.bold("Examples"))
            for example in command.examples { lines += TextWrapper.wrap("  " + style.code(example), width: width, hangingIndent: 6) }
        }
        return lines.joined(separator: "\n")
    }
}
