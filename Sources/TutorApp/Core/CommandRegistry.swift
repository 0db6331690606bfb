import TutorSupport

/// All commands, looked up by name or alias.
package struct CommandRegistry: Sendable {
    package private(set) var commands: [Command]
    private var index: [String: Int]

    package init(_ commands: [Command]) {
        self.commands = []
        self.index = [:]
        for command in commands { register(command) }
    }

    /// Adds a command; a later registration with the same name replaces the earlier one.
    package mutating func register(_ command: Command) {
        if let existing = index[command.name] {
            commands[existing] = command
        } else {
            commands.append(command)
            index[command.name] = commands.count - 1
        }
        for alias in command.aliases { index[alias] = index[command.name] }
    }

    package func lookup(_ name: String) -> Command? {
        index[name].map { commands[$0] }
    }

    /// Names and aliases, for completion and suggestions.
    package var allNames: [String] { index.keys.sorted() }

    /// Every command of the tutor. Feature areas append theirs here.
    package static var standard: CommandRegistry {
        CommandRegistry(Command.generalCommands + Command.lessonCommands + Command.toolCommands + Command.runtimeCommands + Command.serviceCommands + Command.asyncCommands + Command.apiCommands + Command.urlCommands + Command.layerCommands
                        + Command.quizCommands + Command.reviewCommands + Command.simulateCommands + Command.exerciseCommands + Command.workshopCommands)
    }
}
