import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Quiz

/// Paused exams that do not hold together, and submits cut short: the data never lies.
@Suite("Exam data integrity")
struct ExamDataIntegrityTests {
    private func pool() -> [Question] {
        Fixtures.library().questions.filter { $0.type == .trueFalse || $0.type == .single }
    }

    /// A store with one paused exam, damaged by `damage`.
    private func pausedExam(_ folder: TemporaryDirectory, damage: (inout ExamState) -> Void) throws -> ExamStore {
        let store = ExamStore(home: DataHome(root: folder.url))
        var (session, _) = ExamSession.start(pool: pool(), preset: .workshop, questions: 3, seed: 3, clock: ManualClock(), id: "e1")
        _ = session.answer("a")
        var state = session.pause()
        damage(&state)
        try store.save(state)
        return store
    }

    @Test("An inconsistent paused exam is moved aside with one plain sentence, not resumed", arguments: [
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
        #expect(warnings.first?.contains("moved to paused-e1.json.damaged-") == true)
        let names = try FileManager.default.contentsOfDirectory(atPath: store.folder.path)
        #expect(names.contains { $0.hasPrefix("paused-e1.json.damaged-") })
        #expect(!names.contains("paused-e1.json"))
    }

    @Test("A consistent paused exam is offered")
    func consistent() throws {
        let folder = try TemporaryDirectory()
        let store = try pausedExam(folder) { _ in }
        #expect(store.paused().exams.map(\.id) == ["e1"])
    }

    private func finished(_ store: ExamStore, sourceLocation: SourceLocation = #_sourceLocation) throws -> ExamResult {
        var session = ExamSession(resuming: try #require(store.paused().exams.first, sourceLocation: sourceLocation), clock: ManualClock())
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

    @Test("Submitted twice (killed before the paused file went): counted once")
    func submittedTwice() throws {
        let (folder, store, result) = try finishedExam()
        defer { withExtendedLifetime(folder) {} }  // the folder goes when this is released
        try store.log.appendBatch(result.records)  // the commit, then the kill
        #expect(store.paused().exams.isEmpty, "a committed exam is not offered again")
        #expect(store.completed().map(\.examID) == ["e1"], "its summary is written once")
        try store.log.appendBatch(result.records)  // an older tutor resubmitting
        try store.history.append(result.summary)
        #expect(try store.log.read().records.count == result.records.count)
        #expect(store.completed().count == 1)
    }

    @Test("A submit cut short is not counted and the exam stays resumable")
    func cutShort() throws {
        let (folder, store, result) = try finishedExam()
        defer { withExtendedLifetime(folder) {} }  // the folder goes when this is released
        let written = try store.log.appendBatch(result.records)
        // Tear the batch: keep only its first record and half of the second line.
        let text = try String(contentsOf: store.log.url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        try (lines[0] + "\n" + lines[1].prefix(20)).write(to: store.log.url, atomically: true, encoding: .utf8)
        let read = try store.log.read()
        #expect(read.records.isEmpty)
        #expect(read.warnings.contains { $0.message.contains("cut short") })
        let (exams, warnings) = store.paused()
        #expect(exams.map(\.id) == ["e1"], "\(warnings)")
        try store.submit(result)
        #expect(try store.log.read().records.count == written.count)
        #expect(try store.log.read().warnings.allSatisfy { !$0.message.contains("cut short") })
        #expect(store.paused().exams.isEmpty)
        #expect(store.completed().count == 1)
    }

    @Test("Records appended one by one (older logs, practice) still count")
    func unbatched() throws {
        let (folder, store, result) = try finishedExam()
        defer { withExtendedLifetime(folder) {} }  // the folder goes when this is released
        try store.log.append(result.records)
        #expect(try store.log.read().records.count == result.records.count)
    }
}
