import Foundation
import Testing
@testable import LineEditor

/// The parts of the line editor that do not need a terminal. Editing itself (Tab, Ctrl-C,
/// Ctrl-R, history across sessions, UTF-8) is driven through tmux in TutorAppTests/TerminalTests.
@Suite("Line editor")
struct LineEditorTests {
    @Test("Escape sequences in a prompt are wrapped in libedit's invisible markers, text is not")
    func markEscapes() {
        #expect(LineEditor.markEscapes("lambda> ") == "lambda> ")
        #expect(LineEditor.markEscapes("\u{1B}[1mfn\u{1B}[0m> ") == "\u{1}\u{1B}[1m\u{2}fn\u{1}\u{1B}[0m\u{2}> ")
        // A 256-colour sequence ends at its final byte `m`, not at the digits or `;`.
        #expect(LineEditor.markEscapes("\u{1B}[38;5;208mA") == "\u{1}\u{1B}[38;5;208m\u{2}A")
        #expect(LineEditor.markEscapes("café> ") == "café> ")
    }

    @Test("Completion offers each candidate that starts with the word, once, in order")
    func matching() {
        #expect(CompletionBridge.matching(["lesson", "load", "lesson", "list", "quiz"], word: "l") == ["lesson", "load", "list"])
        #expect(CompletionBridge.matching(["lesson", "load"], word: "") == ["lesson", "load"])
        #expect(CompletionBridge.matching(["lesson", "load"], word: "x").isEmpty)
        #expect(CompletionBridge.matching(["env.TABLE=users", "env.TABLE"], word: "env.T") == ["env.TABLE=users", "env.TABLE"])
    }

    @Test("The words before the one being completed split on spaces and tabs")
    func precedingWords() {
        #expect(CompletionRequest(linePrefix: "fn  config\thello ", word: "mem").precedingWords == ["fn", "config", "hello"])
        #expect(CompletionRequest(linePrefix: "", word: "le").precedingWords.isEmpty)
    }

    @Test("Only a missing, empty or libedit file counts as a history file")
    func historyFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lineeditor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(LineEditor.isHistoryFile(at: folder.appendingPathComponent("missing")))
        let empty = folder.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(LineEditor.isHistoryFile(at: empty))
        let history = folder.appendingPathComponent("history")
        try Data("_HiStOrY_V2_\nlesson\\040list\n".utf8).write(to: history)
        #expect(LineEditor.isHistoryFile(at: history))
        let notes = folder.appendingPathComponent("notes")
        try Data("my notes, not history\n".utf8).write(to: notes)
        #expect(!LineEditor.isHistoryFile(at: notes))
        // A folder reads as empty but cannot be replaced by a save: not a history file, so the
        // caller moves it aside.
        #expect(!LineEditor.isHistoryFile(at: folder))
        // A link is not followed to whatever it names.
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: history)
        #expect(!LineEditor.isHistoryFile(at: link))
    }
}
