import Foundation
import LineEditor
import TutorSupport
import TerminalUI

extension Session {
    /// Runs one typed line: the active mode first, then the command table. Returns false when
    /// the line failed (script mode turns that into a non-zero exit status).
    package func execute(_ line: String) async -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") { return true }
        if trimmed.isEmpty {
            guard let mode = modes.last else { return true }
            switch await mode.emptyLine(self) {
            case .finished: popMode()
            case .failed: return false
            case .handled, .notHandled: break
            }
            return true
        }
        if let mode = modes.last {
            do {
                switch try await mode.handle(trimmed, self) {
                case .handled: return true
                case .finished:
                    popMode()
                    return true
                case .failed: return false
                case .notHandled: break
                }
            } catch {
                return report(error)
            }
        }
        let words: [String]
        do {
            words = try CommandLineSplitter.split(trimmed)
        } catch {
            console.error(error.message, hint: "quote text with spaces as 'like this' or \"like this\"")
            return false
        }
        guard let name = words.first else { return true }
        guard let command = registry.lookup(name) else {
            let hint = Suggestions.didYouMean(name, in: registry.allNames) ?? "type 'help' to see the commands"
            console.error("unknown command '\(name)'", hint: hint)
            return false
        }
        do {
            let arguments = try Arguments(Array(words.dropFirst()), specs: command.options, command: command.name)
            try await command.run(CommandContext(session: self, arguments: arguments, line: trimmed))
            return true
        } catch {
            return report(error)
        }
    }

    /// Prints an error the way the learner should see it; always returns false.
    @discardableResult
    func report(_ error: any Error) -> Bool {
        switch error {
        case is CancellationError:
            console.line(console.style.muted("cancelled"))
        case let error as any LearnerFacingError:
            console.error(error.learnerMessage, hint: error.learnerHint)
        default:
            console.error("\(error)")
        }
        return false
    }

    /// Tab completion for the line being edited.
    package func completions(for request: CompletionRequest) -> [String] {
        var candidates: [String] = []
        if let mode = modes.last { candidates += mode.completions(request, self) }
        let words = request.precedingWords
        guard let first = words.first else {
            return candidates + registry.allNames
        }
        guard let command = registry.lookup(first) else { return candidates }
        if request.word.hasPrefix("-") {
            return candidates + command.options.map { "--\($0.name)" }
        }
        return candidates + command.complete(request, self)
    }
}
