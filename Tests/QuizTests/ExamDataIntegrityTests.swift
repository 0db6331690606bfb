import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Quiz
import LearnerStore

/// Paused exams that do not hold together, and submits cut short: the data never lies.
@Suite("Exam data integrity")
struct ExamDataIntegrityTests {
    private func pool() -> [Question] {
        Fixtures.library().questions.filter { $0.type == .trueFalse || $0.type == .single }
    }

    /// A store with one paused exam, damaged by `damage`.
    private func pausedExam(_ folder: TemporaryDirectory, damage: (inout ExamState) -> Void) throws -> ExamStore {
        let store = ExamStore(home: DataHome(root: folder.url))
        var (session, _) = ExamSession.start(pool: pool(), preset: .workshop, questions: 3, seed: 3, clock: ManualWallClock(), id: "e1")
        _ = session.answer("a")
        var state = session.pause()
        damage(&state)
        try store.save(state)
        return store
    }

    @Test("An inconsistent paused exam is set aside with one plain sentence, not resumed", arguments: [
        "no questions", "short answers", "current out of range", "negative elapsed", "absurd elapsed",
        "answer outside the options", "unscored out of range", "repeated id", "empty id",
    ])
    func inconsistent(_ damage: String) throws {
        let folder = try TemporaryDirectory()
        let store = try pausedExam(folder) { state in
            switch damage {
            case "no questions": state.questions = []
            case "short answers": state.answers.removeLast()
            case "current out of range": state.current = 7
            case "negative elapsed": state.elapsed = -5
            case "absurd elapsed": state.elapsed = 1e12
            case "answer outside the options": state.answers[0] = .choices([9])
            case "unscored out of range": state.unscored = [12]
            case "repeated id": state.questions[1].id = state.questions[0].id
            default: state.questions[0].id = " "
            }
        }
        let (exams, warnings) = store.paused()
        #expect(exams.isEmpty)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("cannot be resumed") == true)
        #expect(warnings.first?.contains("set aside") == true)
        #expect(try store.database.setAside().map(\.name) == ["e1"], "kept, not deleted")
        #expect(try store.database.pausedExams().isEmpty)
    }

    @Test("A consistent paused exam is offered")
    func consistent() throws {
        let folder = try TemporaryDirectory()
        let store = try pausedExam(folder) { _ in }
        #expect(store.paused().exams.map(\.id) == ["e1"])
    }

    private func finished(_ store: ExamStore, sourceLocation: SourceLocation = #_sourceLocation) throws -> ExamResult {
        var session = ExamSession(resuming: try #require(store.paused().exams.first, sourceLocation: sourceLocation), clock: ManualWallClock())
        guard case .finished(let result) = session.submit(confirmed: true) else {
            Issue.record("not finished", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return result
    }

    /// A paused exam in a fresh folder, and its result once submitted (not yet recorded).
    private func finishedExam() throws -> (TemporaryDirectory, ExamStore, ExamResult) {
        let folder = try TemporaryDirectory()
        let store = try pausedExam(folder) { _ in }
        return (folder, store, try finished(store))
    }

    @Test("Submitted twice (a second tutor, or again after a kill): counted once, and the second is told")
    func submittedTwice() throws {
        let (folder, store, result) = try finishedExam()
        defer { withExtendedLifetime(folder) {} }  // the folder goes when this is released
        let other = ExamStore(home: DataHome(root: folder.url))  // a second tutor with its own copy
        let state = try #require(other.paused().exams.first)
        try store.submit(result)
        #expect(store.paused().exams.isEmpty, "a recorded exam is not offered again")
        #expect(throws: FileError.self) { try other.submit(result) }
        #expect(throws: FileError.self) { try other.save(state) }
        do { try other.submit(result) } catch { #expect(ExamStore.isAlreadyRecorded(error)) }
        #expect(try store.log.read().records.count == result.records.count)
        #expect(store.completed().map(\.examID) == ["e1"])
        #expect(store.paused().exams.isEmpty, "a late save does not bring it back")
    }

    /// The files an older tutor left: `exams/paused-ID.json` and `attempts.jsonl`.
    private func legacyFolder(_ result: ExamResult, state: ExamState, lines: (inout [String]) -> Void) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("exams"), withIntermediateDirectories: true)
        try encoder.encode(state).write(to: folder.url.appendingPathComponent("exams/paused-\(state.id).json"))
        var text = ExamStore.batch(result.records).map { String(decoding: try! encoder.encode($0), as: UTF8.self) }
        lines(&text)
        try (text.joined(separator: "\n") + "\n").write(to: folder.url.appendingPathComponent("attempts.jsonl"), atomically: true, encoding: .utf8)
        return folder
    }

    private func stateAndResult() throws -> (ExamState, ExamResult) {
        let (folder, store, result) = try finishedExam()
        defer { withExtendedLifetime(folder) {} }
        return (try #require(store.paused().exams.first), result)
    }

    @Test("An older tutor's submit cut short (a torn batch): imported as not counted, the exam stays resumable")
    func legacyCutShort() throws {
        let (state, result) = try stateAndResult()
        let folder = try legacyFolder(result, state: state) { lines in lines = [lines[0], String(lines[1].prefix(20))] }
        let store = ExamStore(home: DataHome(root: folder.url))
        #expect(try store.log.read().records.isEmpty)
        #expect(store.paused().exams.map(\.id) == ["e1"])
        try store.submit(result)
        #expect(try store.log.read().records.count == result.records.count)
        #expect(store.completed().count == 1)
        #expect(store.paused().exams.isEmpty)
    }

    @Test("An older tutor killed after its submit's answers, before its summary and paused file: imported once, summary filled in")
    func legacyCommitted() throws {
        let (state, result) = try stateAndResult()
        let folder = try legacyFolder(result, state: state) { lines in
            // …and an older tutor's resubmit: the same answers as a second batch, with new ids.
            lines += lines.map { line in
                line.replacingOccurrences(of: #""batch":""#, with: #""batch":"again-"#).replacingOccurrences(of: #""id":""#, with: #""id":"again-"#)
            }
        }
        let store = ExamStore(home: DataHome(root: folder.url))
        #expect(store.paused().exams.isEmpty, "a recorded exam is not offered again")
        #expect(store.completed().map(\.examID) == ["e1"], "its summary is written from the paused state")
        #expect(try store.log.read().records.count == result.records.count)
        #expect(try store.database.pausedExams().isEmpty)
    }

    @Test("Records appended one by one (older logs, practice) still count")
    func unbatched() throws {
        let (folder, store, result) = try finishedExam()
        defer { withExtendedLifetime(folder) {} }  // the folder goes when this is released
        try store.log.append(result.records)
        #expect(try store.log.read().records.count == result.records.count)
    }
}
