import Foundation
import Testing
import TestSupport

/// What an exam candidate relies on, through the real binary: the DVA-C02 preset's domains and
/// types, skipped questions recorded as skipped, `quiz --missed`, `quiz --topic`, and a
/// `results` that speaks of the exam taken and reports calibration.
@Suite("Exam preparation", .serialized)
struct ExamPrepTests {
    /// Single-choice questions in DVA-C02's domains, true/false in the same domains, and
    /// single-choice questions in an SAA-C03 domain tagged for both exams.
    static func environment(_ dir: TemporaryDirectory) throws -> [String: String] {
        var yaml = "bank: prep\nquestions:\n"
        let dva = ["development", "security", "deployment", "troubleshooting"]
        for n in 1...8 {
            yaml += """
              - id: choice-\(n)
                domain: \(dva[n % 4])
                topics: [topic-\(n % 2 == 0 ? "even" : "odd")]
                lesson: lesson-\(n % 2)
                type: single
                shuffle: false
                stem: Which is right for \(n)?
                choices:
                  - {text: Right, correct: true}
                  - {text: Wrong, feedback: It is not.}
                  - {text: Also wrong, feedback: It is not.}
                  - {text: Not this, feedback: It is not.}
                explanation: Because.
                references: [timeout.max]
              - id: tf-\(n)
                domain: \(dva[n % 4])
                type: true-false
                stem: Statement \(n) is true.
                answer: true
                false_feedback: It is true.
                explanation: Because.
                references: [timeout.max]
              - id: saa-\(n)
                domain: resilience
                exam: [SAA-C03, DVA-C02]
                type: single
                shuffle: false
                stem: Resilient \(n)?
                choices:
                  - {text: Right, correct: true}
                  - {text: Wrong, feedback: It is not.}
                  - {text: Also wrong, feedback: It is not.}
                  - {text: Not this, feedback: It is not.}
                explanation: Because.
                references: [timeout.max]

            """
        }
        try dir.write("content/Quizzes/prep.yaml", yaml)
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("content/Lessons"), withIntermediateDirectories: true)
        return [
            "HOME": dir.path,
            "LAMBDA_TUTOR_HOME": dir.url.appendingPathComponent("data").path,
            "LAMBDA_TUTOR_BUNDLE": dir.url.appendingPathComponent("content").path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
        ]
    }

    static func attempts(_ dir: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let text = try LearnerData.attemptLines(dir.url.appendingPathComponent("data"))
        return try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], sourceLocation: sourceLocation) }
    }

    @Test("exam --preset dva-c02 takes only DVA-C02's domains and single/multiple response; unanswered ones are skipped; results speak of DVA-C02")
    func developerAssociateExam() throws {
        let dir = try TemporaryDirectory()
        let env = try Self.environment(dir)
        // Answer the first question right, leave the rest open, submit.
        let exam = try TutorBinary.run(["exam", "--preset", "dva-c02", "--seed", "3", "--json"], stdin: "a\n", environment: env)
        #expect(exam.status == 0, "\(exam.stderr)")
        let report = try QuizScriptTests.json(exam.stdout)
        let items = try #require(report["items"] as? [[String: Any]])
        #expect(items.count == 8, "only the eight single-choice questions in DVA-C02's domains: \(items.map { $0["question"] ?? "" })")
        #expect(items.allSatisfy { ($0["question"] as? String)?.hasPrefix("choice-") == true })
        let summary = try #require(report["summary"] as? [String: Any])
        let domains = try #require(summary["domains"] as? [[String: Any]]).compactMap { $0["domain"] as? String }
        #expect(Set(domains).isSubset(of: ["development", "security", "deployment", "troubleshooting"]))

        let log = try Self.attempts(dir)
        #expect(log.count == 8)
        #expect(log.filter { $0["skipped"] as? Bool == true }.count == 7, "the seven left open are recorded as skipped")
        #expect(log.filter { $0["skipped"] as? Bool == true }.allSatisfy { $0["answer"] == nil })

        let results = try TutorBinary.run(["results"], environment: env)
        #expect(results.status == 0, "\(results.stderr)")
        let text = results.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("1 of 1 answers right across 1 session(s); 7 skipped (not counted)"), "\(results.stdout)")
        #expect(text.contains("By domain — the DVA-C02 exam guide's domains"), "\(results.stdout)")
        #expect(!results.stdout.contains("Design Resilient Architectures"))
        #expect(!text.contains("Development with AWS Services: 0 %"), "skipped questions are not weaknesses")
    }

    @Test("quiz skip is recorded as skipped; quiz --missed asks only what was got wrong; calibration is reported")
    func missedAndCalibration() throws {
        let dir = try TemporaryDirectory()
        let env = try Self.environment(dir)
        // True/false only: answer false (wrong) twice as sure, right once as sure, skip one.
        let first = try TutorBinary.run(["quiz", "--type", "true-false", "--seed", "1", "--count", "4"], stdin: "f sure\nf sure\nt sure\nskip\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Practice done: 1 of 3 right, 1 skipped"), "\(first.stdout)")
        let log = try Self.attempts(dir)
        let wrong = Set(log.filter { $0["correct"] as? Bool == false && $0["skipped"] as? Bool != true }.compactMap { $0["question"] as? String })
        #expect(wrong.count == 2)
        #expect(log.filter { $0["skipped"] as? Bool == true }.count == 1)

        let again = try TutorBinary.run(["quiz", "--missed", "--json"], stdin: "t\nt\n", environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        let answers = try #require(try QuizScriptTests.json(again.stdout)["answers"] as? [[String: Any]])
        #expect(Set(answers.compactMap { $0["question"] as? String }) == wrong, "exactly the two missed, not the skipped one")

        let cleared = try TutorBinary.run(["quiz", "--missed"], environment: env)
        #expect(cleared.stdout.contains("nothing to ask again"), "\(cleared.stdout)\(cleared.stderr)")

        let results = try TutorBinary.run(["results"], environment: env)
        #expect(results.stdout.contains("Confidence"), "\(results.stdout)")
        #expect(results.stdout.contains("sure"))
        #expect(results.stdout.contains("Rate more answers"), "three sure answers are too few for a verdict")
    }

    @Test("quiz --topic alone lists the topics with their counts; a topic then filters")
    func topics() throws {
        let dir = try TemporaryDirectory()
        let env = try Self.environment(dir)
        let list = try TutorBinary.run(stdin: "quiz --topic\n", environment: env)
        let cli = try TutorBinary.run(["quiz", "--topics"], environment: env)
        #expect(cli.stdout == list.stdout, "\(cli.stderr)")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("topic-even (4)"), "\(list.stdout)")
        #expect(list.stdout.contains("topic-odd (4)"))
        let quiz = try TutorBinary.run(["quiz", "--topic", "topic-even", "--json", "--count", "10"], stdin: "a\na\na\na\n", environment: env)
        let answers = try #require(try QuizScriptTests.json(quiz.stdout)["answers"] as? [[String: Any]])
        #expect(answers.count == 4)
    }
}
