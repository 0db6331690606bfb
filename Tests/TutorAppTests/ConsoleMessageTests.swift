import Foundation
import Testing
@testable import TutorApp

/// `error:` and `warning:` lines on a terminal are wrapped between words with the continuation
/// under the message (an 80-column terminal cut them mid-word at its edge); piped, each stays
/// one line for whatever reads it.
struct ConsoleMessageTests {
    private let long = "the function's settings file /home/learner/.local/share/lambda-tutor/functions/orders/function.json cannot be read; fix or delete the file"

    @Test func aLongErrorOnATerminalIsWrappedUnderItsMessage() {
        let (console, capture) = Console.capturing(columns: 80, wrapsMessages: true)
        console.error(long, hint: "'fn show orders' says what the tutor reads from it, and 'fn rm orders' removes the function with its folder")
        let lines = capture.errors.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[0].hasPrefix("error: the function's"))
        // The path is never cut, and the words read back as written.
        #expect(lines.contains { $0.contains("/home/learner/.local/share/lambda-tutor/functions/orders/function.json") })
        let hintStart = lines.firstIndex { $0.hasPrefix("  'fn show orders'") }
        #expect(hintStart != nil)
        if let hintStart {
            let message = lines[..<hintStart]
            #expect(message.dropFirst().allSatisfy { $0.hasPrefix("       ") && !$0.hasPrefix("        ") })
            #expect(message.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == "error: " + long)
            #expect(lines[hintStart...].dropFirst().allSatisfy { $0.hasPrefix("  ") })
        }
    }

    @Test func aLongWarningOnATerminalIsWrappedUnderItsMessage() {
        let (console, capture) = Console.capturing(columns: 60, wrapsMessages: true)
        console.warning(long)
        let lines = capture.errors.split(separator: "\n").map(String.init)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(lines[0].hasPrefix("warning: the"))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("         ") && !$0.hasPrefix("          ") })
    }

    @Test func pipedEachMessageStaysOneLine() {
        let (console, capture) = Console.capturing(columns: 80)
        console.error(long, hint: "a hint")
        console.warning(long)
        #expect(capture.errors == "error: " + long + "\n  a hint\n" + "warning: " + long + "\n")
    }
}
