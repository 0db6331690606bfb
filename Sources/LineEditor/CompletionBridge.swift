import CLibEdit
import Foundation

/// What completion knows about the line being edited.
package struct CompletionRequest: Sendable, Equatable {
    /// Everything before the word being completed (e.g. `lesson ` for `lesson wh|`).
    package let linePrefix: String
    /// The partial word under the cursor.
    package let word: String

    package init(linePrefix: String, word: String) {
        self.linePrefix = linePrefix
        self.word = word
    }

    /// The complete words before the current one (`["fn", "config"]`).
    package var precedingWords: [String] {
        linePrefix.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}

/// Returns the candidates that complete `request.word` (already filtered by prefix or not;
/// the bridge filters again).
package typealias CompletionProvider = @Sendable (CompletionRequest) -> [String]

/// The C callbacks libedit calls for Tab. They live outside main.swift so they are not
/// main-actor isolated (a main-actor closure called from C crashes the isolation check).
enum CompletionBridge {
    nonisolated(unsafe) static var provider: CompletionProvider?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var nextIndex = 0

    static let attempted: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, _ in
        clibedit_set_completion_over(1)  // never fall back to file names
        let word = text.map { String(cString: $0) } ?? ""
        var prefix = ""
        if let buffer = clibedit_line_buffer() {
            let bytes = Array(String(cString: buffer).utf8)
            let cut = min(max(Int(start), 0), bytes.count)
            prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
        }
        let request = CompletionRequest(linePrefix: prefix, word: word)
        matches = Self.matching(provider?(request) ?? [], word: word)
        nextIndex = 0
        guard !matches.isEmpty, let text else { return nil }
        return rl_completion_matches(text, generator)
    }

    /// The candidates libedit offers: those that start with the word, each once, in the
    /// provider's order (providers may return unfiltered lists with repeats).
    static func matching(_ candidates: [String], word: String) -> [String] {
        var seen = Set<String>()
        return candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    }

    static let generator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
        if state == 0 { nextIndex = 0 }
        guard nextIndex < matches.count else { return nil }
        defer { nextIndex += 1 }
        return strdup(matches[nextIndex])
    }
}
