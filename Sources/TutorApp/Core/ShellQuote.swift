import Foundation
/// Quotes a word so ``CommandLineSplitter`` reads it back unchanged (CLI subcommands forward
/// their arguments to REPL commands as one line).
package enum ShellQuote {
    package static func quote(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { " \t'\"\\#".contains($0) }) else { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
