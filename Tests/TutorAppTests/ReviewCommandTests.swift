import Foundation
import LearnerStore
import Quiz
import SpacedRepetition
import TestSupport
import Testing
import TutorSupport
@testable import TutorApp

/// Spaced review across sessions, in process: each "day" is a new tutor session over the same
/// data folder, with the clock set by hand.
@Suite("Spaced review")
struct ReviewCommandTests {
    /// Three true/false questions (the answer to each is true) and a lesson with one
    /// numeric checkpoint (2 retries): fixtures shared with the exam-clock and checkpoint tests.
    static let bank = ExamClockTests.bank
    static let lesson = ScriptedContent.retriesLesson

    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// One data folder; ``session(at:)`` opens a new tutor session on it at a given time.
    final class Learner: @unchecked Sendable {
        let directory: TemporaryDirectory
        private(set) var capture: OutputCapture!

        init() throws {
            directory = try TemporaryDirectory()
            try directory.write("content/Quizzes/tf.yaml", ReviewCommandTests.bank)
            try directory.write("content/Lessons/01-retries.md", ReviewCommandTests.lesson)
            try directory.write("content/Package.swift", "// marker")
        }

        var home: DataHome { DataHome(root: directory.url.appendingPathComponent("data")) }

        func session(at time: Date) -> Session {
            let (console, capture) = Console.capturing(columns: 80)
            self.capture = capture
            let environment = ["LAMBDA_TUTOR_BUNDLE": directory.url.appendingPathComponent("content").path]
            try? home.ensureExists()
            let session = Session(configuration: .init(dataHome: home, environment: environment, interactive: false), console: console)
            _ = session.service { QuizService(session: session, clock: ManualWallClock(time)) }
            return session
        }

        /// Runs lines in a new session at `time`; returns the output.
        @discardableResult
        func run(at time: Date, _ lines: String...) async -> String {
            let session = session(at: time)
            for line in lines { _ = await session.execute(line) }
            if let mode = session.modes.last { await mode.endOfInput(session) }
            return capture.output
        }

        func schedule() -> ReviewSchedule? { StoredSchedule(home: home).load().schedule }
        var database: LearnerDatabase { LearnerDatabase(home: home) }

        @discardableResult
        func dueJSON(at time: Date) async -> String {
            await run(at: time, "review --due --json").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test("Every answer is a card; review asks the due ones; intervals grow after right answers and shrink after a lapse")
    func queueAcrossSessions() async throws {
        let learner = try Learner()
        #expect(await learner.dueJSON(at: Self.start) == #"{"due": 0, "cards": 0}"#)
        // Day 0: practise all three; tf-1 right, tf-2 wrong, tf-3 skipped (no evidence: no card).
        let session = learner.session(at: Self.start)
        _ = await session.execute("quiz --count 3 --seed 1")
        for _ in 0..<3 {
            let shown = try #require(learner.capture.output.ranges(of: /Statement (\d) is true/).last.map { learner.capture.output[$0] })
            _ = await session.execute(["1": "t sure", "2": "f", "3": "skip"][String(shown.dropFirst(10).prefix(1))]!)
        }
        #expect(await learner.dueJSON(at: Self.start) == #"{"due": 0, "cards": 2}"#, "two answered, one skipped")
        // The wrong one is back a minute later (a learning step); the sure, quick right one
        // (Easy) graduated at once to an interval in days, as in py-fsrs.
        #expect(await learner.dueJSON(at: Self.start.addingTimeInterval(2 * 60)) == #"{"due": 1, "cards": 2}"#)
        #expect(try #require(learner.schedule()?.card("question:tf-1")).due > Self.start.addingTimeInterval(86_400))

        // Keep answering tf-1 right whenever it is due: each interval is longer than the last.
        var time = Self.start.addingTimeInterval(11 * 60)
        var intervals: [TimeInterval] = []
        for _ in 0..<5 {
            let card = try #require(learner.schedule()?.card("question:tf-1"))
            time = max(time, card.due).addingTimeInterval(60)
            let out = await learner.run(at: time, "review --count 5", "t sure", "t sure")
            #expect(out.contains("Review: "), "\(out)")
            let after = try #require(learner.schedule()?.card("question:tf-1"))
            intervals.append(after.due.timeIntervalSince(time))
        }
        #expect(zip(intervals, intervals.dropFirst()).allSatisfy { $0 < $1 }, "intervals grow: \(intervals)")
        #expect(intervals.last! > 7 * 86_400)

        // A lapse: wrong when it comes back, so it returns within minutes.
        let due = try #require(learner.schedule()?.cards.values.map(\.due).max())
        time = due.addingTimeInterval(3_600)
        let lapse = await learner.run(at: time, "review", "f", "f")
        #expect(lapse.contains("Again: back in 10 minutes."), "\(lapse)")
        let lapsed = try #require(learner.schedule()?.card("question:tf-1"))
        #expect(lapsed.lapses == 1)
        #expect(lapsed.due.timeIntervalSince(time) < intervals.last!)
        #expect(lapsed.state == .relearning)

        // The review answers are in the log, marked, each applied once.
        let records = try AttemptLog(home: learner.home).read().records
        #expect(records.contains { $0.review == true && $0.question == "tf-1" })
        #expect(Set(records.compactMap(\.id)).count == records.count, "every new record has its own id")
        #expect(learner.schedule()?.replayed == records.reviewEvents.count)
    }

    @Test("A missing, damaged or stale schedule is rebuilt from the attempt log to the same schedule, never counting an answer twice")
    func rebuildFromLog() async throws {
        let learner = try Learner()
        let session = learner.session(at: Self.start)
        _ = await session.execute("quiz --count 3 --seed 4")
        for answer in ["t sure", "f", "t unsure"] { _ = await session.execute(answer) }
        await learner.run(at: Self.start.addingTimeInterval(900), "review", "t", "t", "t")
        await learner.run(at: Self.start.addingTimeInterval(3 * 86_400), "review", "t sure", "f", "t")
        let saved = try #require(learner.schedule())
        try learner.database.removeDocument(.reviewSchedule)
        #expect(await learner.dueJSON(at: Self.start.addingTimeInterval(4 * 86_400)).hasPrefix("{\"due\""))
        #expect(learner.schedule() == saved, "rebuilt from the log alone")

        try learner.database.updateDocument(.reviewSchedule) { _ in Data("{ damaged".utf8) }
        let session2 = learner.session(at: Self.start.addingTimeInterval(4 * 86_400))
        _ = await session2.execute("review --due")
        #expect(learner.capture.all.contains("the review schedule in") && learner.capture.all.contains("set aside"), "\(learner.capture.all)")
        #expect(learner.schedule() == saved)

        // The same attempt twice (a copied record under another row, a merge) is one answer.
        let rows = try learner.database.attempts()
        try learner.database.append([rows[1], rows[4]].enumerated().map { n, row in
            StoredAttempt(key: "copy-\(n)", session: row.session, mode: row.mode, question: row.question, record: row.record)
        })
        #expect(try learner.database.attempts().count == rows.count + 2)
        await learner.dueJSON(at: Self.start.addingTimeInterval(4 * 86_400))
        #expect(learner.schedule() == saved, "a repeated attempt id is applied once")

        // Refreshing again and again changes nothing.
        for _ in 0..<3 { await learner.dueJSON(at: Self.start.addingTimeInterval(5 * 86_400)) }
        #expect(learner.schedule() == saved)
    }

    @Test("Checkpoints become cards and are reviewed as in the lesson: a hint and a second try")
    func checkpointCards() async throws {
        let learner = try Learner()
        await learner.run(at: Self.start, "lesson retries", "answer 2")
        #expect(learner.schedule() == nil || learner.schedule()?.cards.isEmpty == false)
        #expect(await learner.dueJSON(at: Self.start.addingTimeInterval(86_400)) == #"{"due": 1, "cards": 1}"#)
        let out = await learner.run(at: Self.start.addingTimeInterval(86_400), "review", "answer 3", "2")
        #expect(out.contains("checkpoint · retries step 1"), "\(out)")
        #expect(out.contains("How many retries by default?"))
        #expect(out.contains("Hint: Your number is too high."), "the lesson's hint and second try: \(out)")
        #expect(out.contains("✓ Correct."))
        #expect(out.contains("Hard: back in"), "a right answer after the hint is Hard: \(out)")
        #expect(out.contains("Review done: 1 of 1 recalled."), "\(out)")
        let card = try #require(learner.schedule()?.card("checkpoint:retries/check-1.1"))
        #expect(card.reviews == 2)
    }

    @Test("The desired retention is 0.9 by default, settable, kept in the settings beside other settings, and reschedules")
    func retentionSetting() async throws {
        let learner = try Learner()
        let session = learner.session(at: Self.start)
        _ = await session.execute("quiz --count 1 --seed 2")
        _ = await session.execute("t")
        #expect(learner.schedule()?.scheduler.desiredRetention == nil || learner.schedule()?.scheduler.desiredRetention == 0.9)
        #expect(await learner.run(at: Self.start, "review --retention").contains("Desired retention: 0.9 "))
        try learner.database.setSetting("other", to: "kept")
        let set = await learner.run(at: Self.start, "review --retention 0.85")
        #expect(set.contains("Desired retention set to 0.85 (was 0.9)."), "\(set)")
        let object = learner.database.settings().values
        #expect(object["other"] as? String == "kept")
        #expect(object["reviewDesiredRetention"] as? Double == 0.85)
        await learner.dueJSON(at: Self.start)
        #expect(learner.schedule()?.scheduler.desiredRetention == 0.85)
        let bad = learner.session(at: Self.start)
        #expect(await bad.execute("review --retention 2") == false)
        #expect(learner.capture.all.contains("the desired retention must be between 0.7 and 0.97"), "\(learner.capture.all)")
    }

    @Test("results shows retention and what is getting weaker")
    func resultsMemory() async throws {
        let learner = try Learner()
        let session = learner.session(at: Self.start)
        _ = await session.execute("quiz --count 3 --seed 3")
        for answer in ["t", "t", "t"] { _ = await session.execute(answer) }
        await learner.run(at: Self.start.addingTimeInterval(700), "review", "t sure", "t sure", "t sure")
        let due = try #require(learner.schedule()?.cards.values.map(\.due).max())
        #expect(due > Self.start.addingTimeInterval(86_400))
        let back = await learner.run(at: due.addingTimeInterval(60), "review", "t sure", "t", "f")

        #expect(back.contains("Review done: 2 of 3 recalled."), "\(back)")
        let out = await learner.run(at: Self.start.addingTimeInterval(60 * 86_400), "results")
        #expect(out.contains("Memory — spaced review (FSRS-6, aiming at 90 % recall)"), "\(out)")
        #expect(out.contains("3 cards · 3 due now · predicted recall now"), "\(out)")
        #expect(out.contains("Recall when cards came back a day or more later: 67 % (3 returns)"), "\(out)")
        #expect(out.contains("Getting weaker"))
        #expect(out.contains("Statement 3 is true.  development    53 %       1"), "the lapsed card is weakest: \(out)")
    }

    @Test("LAMBDA_TUTOR_NOW sets the clock (ISO 8601); a bad value is reported and the real time used")
    func injectedClock() throws {
        #expect(TutorClock.parse("2027-01-15T09:00:00Z") == ISO8601DateFormatter().date(from: "2027-01-15T09:00:00Z"))
        #expect(TutorClock.parse("2027-01-15T10:00:00+01:00") == ISO8601DateFormatter().date(from: "2027-01-15T09:00:00Z"))
        #expect(TutorClock.parse("2027-01-15") != nil)
        #expect(TutorClock.parse("next tuesday") == nil)
        let clock = TutorClock.from(["LAMBDA_TUTOR_NOW": "2027-01-15T09:00:00Z"]).clock
        #expect(abs(clock.now().timeIntervalSince(TutorClock.parse("2027-01-15T09:00:00Z")!)) < 60)
        #expect(TutorClock.from(["LAMBDA_TUTOR_NOW": "soon"]).notice?.contains("is not an ISO 8601 time") == true)
    }
}
