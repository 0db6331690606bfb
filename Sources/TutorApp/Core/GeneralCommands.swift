import Foundation
import TerminalUI
import TutorSupport

extension Command {
    /// help, quit, version, clear.
    static var generalCommands: [Command] {
        [help, quit, version, clear]
    }

    static let help = Command(
        "help", aliases: ["?"], group: .general,
        summary: "List commands, or explain one",
        usage: ["help", "help COMMAND"],
        examples: ["help", "help lesson", "help calc"],
        complete: { _, session in session.registry.commands.map(\.name) },
        run: { context in
            try context.arguments.expectAtMost(1)
            let view = HelpView(registry: context.session.registry, style: context.console.style, width: context.console.width)
            if let name = context.arguments.positional(0) {
                guard let command = context.session.registry.lookup(name) else {
                    let hint = Suggestions.didYouMean(name, in: context.session.registry.allNames) ?? "type 'help' for the list"
                    throw CommandError("no command '\(name)'", hint: hint)
                }
                context.console.page(view.detail(command))
            } else {
                context.console.page(view.overview())
            }
        })

    static let quit = Command(
        "quit", aliases: ["exit", "q"], group: .general,
        summary: "Leave the tutor (your progress is saved as you go)",
        discussion: "Ctrl-D does the same. Running functions are stopped; nothing is left running.",
        run: { context in
            try context.arguments.expectAtMost(0)
            context.session.quitRequested = true
        })

    static let version = Command(
        "version", group: .general,
        summary: "Show the tutor's version and where your data lives",
        run: { context in
            context.console.line("lambda-tutor \(TutorVersion.current)")
            context.console.line("data: \(context.session.dataHome.root.path)")
            context.console.line("facts checked: \(TutorVersion.factsCheckedOn)")
        })

    static let clear = Command(
        "clear", group: .general,
        summary: "Clear the screen",
        run: { context in
            if context.console.terminal.isOutputTerminal {
                context.console.line("\u{1B}[H\u{1B}[2J\u{1B}[3J")
            }
        })
}
