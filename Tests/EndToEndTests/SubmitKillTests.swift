import Foundation
import Quiz
import Testing
import TestSupport
import TutorSupport

/// `submit` is one step: a real `lambda-tutor` killed at random moments while it submits leaves
/// the exam either counted exactly once or still resumable — never both, never twice.
@Suite("Exam submit under kill", .serialized)
struct SubmitKillTests {
    static let rounds = 30

    @Test("Killed at random points during submit: counted once or resumable, never both")
    func randomKills() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        let data = dir.url.appendingPathComponent("data")
        let template = dir.url.appendingPathComponent("template")
        let paused = try TutorBinary.run(stdin: "exam --preset workshop --questions 4 --seed 4\nt\nt\nt\nt\npause\n", environment: env)
        #expect(paused.status == 0, "\(paused.stderr)")
        try FileManager.default.copyItem(at: data, to: template)
        let examID = try #require(ExamStore(home: DataHome(root: data)).paused().exams.first?.id)

        // How long a whole submit takes here, now: the kills are spread over it.
        let began = Date()
        let calibration = try TutorBinary.run(["exam", "--resume"], stdin: "submit\n", environment: env)
        let span = Date().timeIntervalSince(began)
        #expect(calibration.stdout.contains("scaled score") || calibration.stdout.contains("Score"), "\(calibration.stdout)")
        try check(data, examID, resumable: false)

        var random = SystemRandomNumberGenerator()
        var counted = 0, resumable = 0
        for _ in 0..<Self.rounds {
            try FileManager.default.removeItem(at: data)
            try FileManager.default.copyItem(at: template, to: data)
            let running = try TutorBinary.start(["exam", "--resume"], environment: env)
            running.send("submit\n")
            running.closeInput()
            usleep(UInt32(Double.random(in: 0...(span * 1.2), using: &random) * 1_000_000))
            running.kill()

            let store = ExamStore(home: DataHome(root: data))
            let answers = try store.log.read().records.filter { $0.session == examID }
            let offered = store.paused().exams.contains { $0.id == examID }
            #expect(answers.isEmpty || answers.count == 4, "a submit counts whole or not at all")
            #expect(answers.isEmpty == offered, "counted (\(answers.count) answers) and resumable (\(offered)) are exclusive")
            if offered {
                resumable += 1
                // The learner resumes and submits: now it counts, once.
                let again = try TutorBinary.run(["exam", "--resume"], stdin: "submit\n", environment: env)
                #expect(again.status == 0, "\(again.stderr)")
            } else {
                counted += 1
            }
            try check(data, examID, resumable: false)
        }
        #expect(counted + resumable == Self.rounds)
    }

    /// The exam is counted exactly once: four answers, one summary, no paused file.
    private func check(_ data: URL, _ examID: String, resumable: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = ExamStore(home: DataHome(root: data))
        let answers = try store.log.read().records.filter { $0.session == examID }
        #expect(answers.count == 4, sourceLocation: sourceLocation)
        #expect(store.completed().filter { $0.examID == examID }.count == 1, sourceLocation: sourceLocation)
        #expect(store.paused().exams.contains { $0.id == examID } == resumable, sourceLocation: sourceLocation)
    }
}
