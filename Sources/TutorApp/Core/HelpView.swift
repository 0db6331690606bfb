import TerminalUI
import Foundation

/// The text of `help` and `help COMMAND`.
struct HelpView {
    let registry: CommandRegistry
    let style: Style
    let width: Int

    func overview() -> String {
        var lines: [String] = [style.bold("Commands") + style.muted("  (help COMMAND for details and examples; Tab completes)")]
        for group in Command.Group.allCases {
            let commands = registry.commands.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            lines.append("")
            lines.append(style.heading(group.rawValue))
            var table = TextTable(columns: [.init("usage"), .init("what it does")], showHeader: false, indent: 2)
            for command in commands {
                table.add([style.code(command.synopsis), command.summary])
            }
            lines.append(table.render(width: width, style: style))
        }
        lines.append("")
        lines += TextWrapper.wrap(items: ["Ctrl-C cancels the line or the running command", "Ctrl-R searches history", "Ctrl-D or quit leaves"],
                                  separator: " · ", width: width, indent: "").map(style.muted)
        return lines.joined(separator: "\n")
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
