import Curriculum
import Foundation
import Synchronization
import LambdaModel
import LambdaEvents
import LambdaService
import LineEditor
import LocalEndpoint
import MiniLambda
import TerminalUI
import TutorSupport

/// Runs the learner's editor on the terminal and waits for it.
enum ChildEditor {
    /// `$VISUAL`, then `$EDITOR`, then nano or vi if installed.
    static func choose(environment: [String: String]) -> String? {
        chooseWithReason(environment: environment)?.editor
    }

    /// The editor and why it is the one (`$VISUAL`, `$EDITOR`, or found installed), so `fn edit`
    /// can say what it opens and how to pick another.
    static func chooseWithReason(environment: [String: String]) -> (editor: String, reason: String)? {
        for key in ["VISUAL", "EDITOR"] {
            if let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return (value, "from $\(key)") }
        }
        return TerminalJob.find(["nano", "vi"], path: environment["PATH"]).map { ($0, "$VISUAL and $EDITOR are not set; set one to choose") }
    }

    /// `$EDITOR` may carry arguments (`code --wait`), so it runs through the shell, as the
    /// terminal's foreground job (see ``TerminalJob``).
    static func run(_ editor: String, file: String, console: Console, environment: [String: String]) -> TerminalJob.Outcome {
        console.runInForeground {
            TerminalJob.runShell("\(editor) \"$1\"", arguments: [file], environment: environment)
        }
    }
}
