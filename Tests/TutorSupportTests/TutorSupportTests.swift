import Foundation
import Testing
import TestSupport
@testable import TutorSupport

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test func format() {
        #expect(Diagnostic.error("Lessons/a.md", line: 3, column: 7, "bad").description == "Lessons/a.md:3:7: error: bad")
        #expect(Diagnostic.warning("Lessons/a.md", "whole file").description == "Lessons/a.md: warning: whole file")
    }
}

@Suite("Did you mean")
struct SuggestionTests {
    @Test func closeNames() {
        #expect(Suggestions.closest(to: "lesons", in: ["lessons", "lesson", "quiz"]).first == "lessons")
        #expect(Suggestions.closest(to: "qiuz", in: ["quiz", "quit"]).first == "quiz")
        #expect(Suggestions.closest(to: "zzzzzz", in: ["quiz", "quit"]).isEmpty)
        #expect(Suggestions.didYouMean("invok", in: ["invoke", "events"]) == "did you mean 'invoke'?")
    }

    @Test func editDistance() {
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.editDistance("ab", "ba") == 1)
        #expect(Suggestions.editDistance("", "abc") == 3)
    }
}

@Suite("Data home")
struct DataHomeTests {
    @Test func resolution() {
        #expect(DataHome.resolve(environment: ["LAMBDA_TUTOR_HOME": "/x/y"]).root.path == "/x/y")
        #expect(DataHome.resolve(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]).root.path == "/d/lambda-tutor")
        #expect(DataHome.resolve(environment: ["HOME": "/h"]).root.path == "/h/.local/share/lambda-tutor")
        #expect(DataHome.resolve(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]).root.path == "/h/.local/share/lambda-tutor")
    }
}

@Suite("Atomic files")
struct AtomicFileTests {
    @Test func replacesWholeFile() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("sub/progress.json")
        try AtomicFile.write("first", to: url)
        try AtomicFile.write("second", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["progress.json"], "no temporary files left behind")
    }

    @Test func quarantineKeepsTheData() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("progress.json")
        try AtomicFile.write("{garbage", to: url)
        let moved = try AtomicFile.quarantine(url)
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try String(contentsOf: moved, encoding: .utf8) == "{garbage")
        #expect(moved.lastPathComponent.hasPrefix("progress.json.damaged-"))
    }

    @Test func unwritableFolderIsAClearError() throws {
        let error = #expect(throws: FileError.self) {
            try AtomicFile.write("x", to: URL(fileURLWithPath: "/proc/definitely/not/here.json"))
        }
        #expect(error?.description.contains("/proc/definitely") == true)
    }
}

@Suite("JSON Lines log")
struct JSONLinesLogTests {
    struct Entry: Codable, Sendable, Equatable {
        var id: Int
        var text: String
    }

    @Test func appendsAndReads() throws {
        let dir = try TemporaryDirectory()
        let log = JSONLinesLog<Entry>(url: dir.url.appendingPathComponent("log.jsonl"))
        try log.append(Entry(id: 1, text: "a"))
        try log.append(Entry(id: 2, text: "b\nwith newline"))
        let result = try log.read()
        #expect(result.records == [Entry(id: 1, text: "a"), Entry(id: 2, text: "b\nwith newline")])
        #expect(result.skipped.isEmpty)
    }

    @Test("A torn or damaged line is skipped with a warning; later records still append and read")
    func tornLine() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("log.jsonl")
        let log = JSONLinesLog<Entry>(url: url)
        try log.append(Entry(id: 1, text: "a"))
        // Simulate a process killed mid-write: half a record, no newline.
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":2,"te"#.utf8))
        try handle.close()
        try log.append(Entry(id: 3, text: "c"))
        let result = try log.read()
        #expect(result.records.map(\.id) == [1, 3])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.line == 2)
        let raw = try String(contentsOf: url, encoding: .utf8)
        #expect(raw.contains(#"{"id":2,"te"#), "the damaged line is kept, never truncated")
    }

    @Test func missingFileIsEmpty() throws {
        let dir = try TemporaryDirectory()
        let result = try JSONLinesLog<Entry>(url: dir.url.appendingPathComponent("none.jsonl")).read()
        #expect(result.records.isEmpty)
    }
}
