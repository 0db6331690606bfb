import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import Quiz

#if canImport(Glibc)
import Glibc
#endif

@Suite("Results")
struct ResultsTests {
    func record(_ n: Int, session: String, domain: String, correct: Bool, lesson: String? = nil, revealed: Bool = false) -> AttemptRecord {
        AttemptRecord(time: Date(timeIntervalSince1970: 1_800_000_000 + Double(n) * 60), session: session, mode: .practice,
                      question: "q\(n)", domain: domain, lesson: lesson, seed: UInt64(n), answer: revealed ? nil : "A",
                      correct: correct, seconds: 4.26, revealed: revealed)
    }

    @Test("History, trend per domain and what to study next")
    func report() {
        var records: [AttemptRecord] = []
        // Session 1: security poor; session 2: security better.
        for n in 0..<4 { records.append(record(n, session: "s1", domain: "security", correct: n == 0, lesson: "iam")) }
        for n in 4..<8 { records.append(record(n, session: "s1", domain: "development", correct: true, lesson: "limits")) }
        for n in 8..<12 { records.append(record(n, session: "s2", domain: "security", correct: n != 8, lesson: n == 8 ? "urls" : "iam")) }
        records.append(record(12, session: "s2", domain: "deployment", correct: false, lesson: "aliases", revealed: true))
        let questions = [Question(id: "t1", domain: "troubleshooting", stem: "x", body: .trueFalse(TrueFalse(answer: true)), lesson: "metrics")]
        let report = ResultsReport(records: records, questions: questions)

        #expect(report.sessions.map(\.session) == ["s2", "s1"])
        #expect(report.sessions[1].percent == 62.5)
        #expect(report.answered == 12, "a revealed key is not an answer, as the quiz says")
        #expect(report.revealed == 1)
        #expect(report.sessions[0].answered == 4)
        #expect(report.sessions[0].revealed == 1)
        #expect(report.sessions[0].percent == 75, "the share correct leaves the revealed one out")
        let security = report.domains.first { $0.domain == "security" }!
        #expect(security.recent == [25, 75])
        #expect(security.direction == .up)
        #expect(security.percent == 50)
        #expect(report.domains.first { $0.domain == "development" }!.direction == .new)

        // Weakest first: security (50 %), then deployment (only revealed), never-practised troubleshooting.
        #expect(report.studyNext.map(\.domain) == ["security", "deployment", "troubleshooting"])
        #expect(report.studyNext[0].lessons == ["iam", "urls"], "most missed first")
        #expect(report.studyNext[1].lessons == ["aliases"])
        #expect(report.studyNext[1].reason == "1 revealed, none answered yet")
        #expect(report.studyNext[2].lessons == ["metrics"])
        #expect(report.studyNext[2].reason == "not practised yet")
        #expect(!report.sessions[0].review)
    }

    @Test("A review session is labelled review, not practice")
    func reviewLabel() {
        var answer = record(1, session: "r1", domain: "security", correct: true)
        answer.review = true
        let report = ResultsReport(records: [answer, record(2, session: "p1", domain: "security", correct: true)])
        #expect(report.sessions.map(\.review) == [false, true])
    }

    @Test("CSV quotes what needs quoting and defuses formulas; JSON round-trips")
    func export() throws {
        var tricky = record(1, session: "s,1", domain: "security", correct: true)
        tricky.answer = "=1+1 \"x\""
        let csv = ResultsExport.render([tricky], as: .csv)
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "time,session,mode,question,domain,lesson,seed,answer,correct,seconds,confidence,hinted,revealed,skipped,learner,workshop,preset,answered")
        #expect(lines[1] == #"2027-01-15T08:01:00Z,"s,1",practice,q1,security,,1,"'=1+1 ""x""",true,4.3,,false,false,false,,,,true"#)
        let json = ResultsExport.render([tricky], as: .json)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode([AttemptRecord].self, from: Data(json.utf8)) == [tricky])
    }
}

@Suite("Attempt log durability", .serialized)
struct AttemptLogDurabilityTests {
    static let pathVariable = "QUIZ_TEST_ATTEMPT_LOG"

    @Test("Answers read back as written, in order, on another connection")
    func roundTrip() throws {
        let folder = try TemporaryDirectory()
        let log = AttemptLog(home: DataHome(root: folder.url))
        let record = AttemptRecord(time: Date(timeIntervalSince1970: 1_800_000_000), session: "s", mode: .exam, question: "q1",
                                   domain: "security", seed: UInt64.max, answer: "A", correct: true, seconds: 1)
        var second = record
        second.id = "second"
        try log.append(record)
        try log.append([second])
        try log.append(record)  // the same attempt again: recorded once
        let (records, warnings) = try AttemptLog(home: DataHome(root: folder.url)).read()
        #expect(records == [record, second])
        #expect(warnings.isEmpty)
    }

    @Test("A process killed while appending in a loop leaves a readable log")
    func killedWriter() async throws {
        let folder = try TemporaryDirectory()
        let url = folder.url
        setenv(Self.pathVariable, url.path, 1)
        defer { unsetenv(Self.pathVariable) }

        // The child appends from a background thread and SIGKILLs itself from the main thread
        // once the log has grown, so the kill lands wherever the writer happens to be.
        await #expect(processExitsWith: .signal(SIGKILL)) {
            let path = ProcessInfo.processInfo.environment[AttemptLogDurabilityTests.pathVariable]!
            let log = AttemptLog(home: DataHome(root: URL(fileURLWithPath: path)))
            let writer = Thread {
                var n: UInt64 = 0
                while true {
                    n += 1
                    let record = AttemptRecord(time: Date(), session: "child", mode: .practice, question: "q\(n)",
                                               domain: "development", seed: n, answer: String(repeating: "x", count: Int(n % 200)),
                                               correct: n % 2 == 0, seconds: Double(n))
                    try? log.append(record)
                }
            }
            writer.start()
            // The reader opens its own connection while the writer opens the first one (this
            // raced, and the failed open was remembered, until opening took the data folder's
            // lock: LearnerDatabaseOpenRaceTests). The deadline kills the child anyway, so a
            // writer that gets nowhere fails the parent's checks below instead of hanging the run.
            let reader = AttemptLog(home: DataHome(root: URL(fileURLWithPath: path)))
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if ((try? reader.read().records.count) ?? 0) >= 30 { break }
                usleep(1_000)
            }
            kill(getpid(), SIGKILL)
        }

        let log = AttemptLog(home: DataHome(root: url))
        let (records, warnings) = try log.read()
        #expect(records.count >= 30, "the child wrote records before it died")
        #expect(warnings.isEmpty, "a transaction is there whole or not at all")
        // Records are intact and in order.
        #expect(records.map(\.seed) == (1...UInt64(records.count)).map { $0 })
        // The log keeps working after the crash.
        let after = AttemptRecord(time: Date(timeIntervalSince1970: 1_800_000_000), session: "parent", mode: .practice, question: "after", domain: "security",
                                  seed: 0, answer: "A", correct: true, seconds: 1)
        try log.append(after)
        let reread = try log.read()
        #expect(reread.records.last == after)
        #expect(reread.records.count == records.count + 1)
    }
}

@Suite("Results: skipped, trend, calibration, focus")
struct ResultsFocusTests {
    func record(_ n: Int, session: String, domain: String, correct: Bool, mode: AttemptRecord.Mode = .practice, answer: String? = "A",
                confidence: Confidence? = nil, skipped: Bool = false) -> AttemptRecord {
        AttemptRecord(time: Date(timeIntervalSince1970: 1_800_000_000 + Double(n) * 60), session: session, mode: mode,
                      question: "q\(n)", domain: domain, lesson: "lesson-\(domain)", seed: 1, answer: answer, correct: correct,
                      seconds: 1, confidence: confidence, skipped: skipped)
    }

    @Test("Skipped questions are counted apart: not wrong, not in a share correct, not in what to study next")
    func skipped() {
        // An exam with one right answer and fourteen left open.
        var records = [record(0, session: "e", domain: "security", correct: true, mode: .exam)]
        for n in 1..<15 { records.append(record(n, session: "e", domain: "development", correct: false, mode: .exam, answer: nil, skipped: true)) }
        // A log written before `skipped` existed: an exam question with no answer.
        records.append(record(15, session: "old", domain: "deployment", correct: false, mode: .exam, answer: nil))
        let report = ResultsReport(records: records)
        #expect(report.answered == 1)
        #expect(report.correct == 1)
        #expect(report.skipped == 15)
        let line = report.sessions.first { $0.session == "e" }!
        #expect(line.answered == 1 && line.correct == 1 && line.skipped == 14 && line.percent == 100)
        #expect(!report.domains.contains { $0.domain == "development" }, "nothing answered there")
        #expect(!report.studyNext.contains { $0.domain == "development" && $0.percent != nil })
        #expect(MissedQuestions.ids(records).isEmpty, "a skip is not a miss")
    }

    @Test("A trend compares the latest sessions with those just before: 0 100 0 is slipping")
    func trend() {
        #expect(ResultsReport.direction([0, 100, 0]) == .down)
        #expect(ResultsReport.direction([0, 100]) == .up)
        #expect(ResultsReport.direction([50, 50, 52, 49]) == .steady)
        #expect(ResultsReport.direction([10, 20, 30, 80, 90, 100]) == .up)
        #expect(ResultsReport.direction([70]) == .new)
    }

    @Test("Calibration: how often sure answers were right, with a sentence")
    func calibration() {
        var records: [AttemptRecord] = []
        for n in 0..<10 { records.append(record(n, session: "s", domain: "security", correct: n < 6, confidence: .sure)) }
        for n in 10..<14 { records.append(record(n, session: "s", domain: "security", correct: n < 12, confidence: .guess)) }
        let report = ResultsReport(records: records)
        let sure = report.calibration.first { $0.confidence == .sure }!
        #expect(sure.answers == 10 && sure.correct == 6 && sure.percent == 60)
        #expect(report.calibration.map(\.confidence) == [.sure, .guess])
        #expect(report.calibrationNote?.hasPrefix("You are overconfident: answers you were sure of were right 60 %") == true)
    }

    @Test("The report speaks of the latest exam's domains; others are practised apart and not studied next")
    func focus() {
        var records: [AttemptRecord] = []
        for n in 0..<5 { records.append(record(n, session: "s", domain: "resilience", correct: false)) }
        for n in 5..<10 { records.append(record(n, session: "s", domain: "security", correct: false)) }
        let report = ResultsReport(records: records)
        #expect(report.focus == "dva-c02")
        #expect(report.focusDomains == ["development", "security", "deployment", "troubleshooting"])
        #expect(report.domains.first { $0.domain == "resilience" }?.inFocus == false)
        #expect(report.domains.first { $0.domain == "security" }?.inFocus == true)
        #expect(report.studyNext.map(\.domain) == ["security"])
        let saa = ResultsReport(records: records, focus: .solutionsArchitectAssociate)
        #expect(Set(saa.studyNext.map(\.domain)) == ["resilience", "security"])
        #expect(MissedQuestions.ids(records).count == 10)
    }
}
