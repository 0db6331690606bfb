import Foundation
import TutorSupport
import LearnerStore
import Testing
import TestSupport

/// A workshop end to end with the real binary: learners answer with their names, export their
/// results, and the trainer's report reads the files.
@Suite("Workshop: learner names, results files, class report", .serialized)
struct WorkshopReportTests {
    @Test("--learner is remembered and recorded; results --export json carries the name, bank and option texts; workshop report reads the files")
    func endToEnd() throws {
        let collected = try TemporaryDirectory(prefix: "workshop-collected")
        var homes: [TemporaryDirectory] = []
        let answers = ["a\nb\na\n", "b\nb\na\n", "a\na\nskip\n"]
        for (index, name) in ["Ana", "Ben", "Cai"].enumerated() {
            let home = try TemporaryDirectory(prefix: "workshop-learner")
            homes.append(home)
            let env = TutorBinary.environment(home: home)
            let quiz = try TutorBinary.run(["quiz", "--type", "single", "--count", "3", "--seed", "11", "--learner", name], stdin: answers[index], environment: env)
            #expect(quiz.status == 0 || quiz.status == 1, "\(quiz.stderr)")
            let settings = LearnerDatabase(home: DataHome(root: home.url.appendingPathComponent("data"))).settings().values
            #expect(settings["learner"] as? String == name, "\(settings)")
            // The name is remembered: a later export without --learner still carries it.
            let export = try TutorBinary.run(["results", "--export", "json", collected.url.appendingPathComponent("\(name).json").path], environment: env)
            #expect(export.status == 0, "\(export.stderr)")
        }
        let ana = try String(contentsOf: collected.url.appendingPathComponent("Ana.json"), encoding: .utf8)
        for key in ["\"format\" : \"lambda-tutor-results\"", "\"learner\" : \"Ana\"", "\"bank\" : ", "\"chosen\" : ", "\"text\" : "] {
            #expect(ana.contains(key), "\(key) in \(ana.prefix(600))")
        }
        let trainer = try TemporaryDirectory(prefix: "workshop-trainer")
        let report = try TutorBinary.run(["workshop", "report", collected.path, "--json"], environment: TutorBinary.environment(home: trainer))
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let learners = try #require(object["learners"] as? [[String: Any]])
        #expect(learners.compactMap { $0["name"] as? String } == ["Ana", "Ben", "Cai"])
        let questions = try #require(object["questions"] as? [[String: Any]])
        #expect(questions.count == 3, "the same seed gives everyone the same three questions")
        #expect(object["kr20"] != nil)
        let table = try TutorBinary.run(["workshop", "report", collected.path], environment: TutorBinary.environment(home: trainer))
        #expect(table.stdout.contains("Class report: 3 learner(s), 3 question(s)"), "\(table.stdout)")
        // The report file is not overwritten without asking.
        let target = try trainer.write("report.md", "precious\n")
        let refused = try TutorBinary.run(["workshop", "report", collected.path, "--markdown", "-o", target.path], environment: TutorBinary.environment(home: trainer))
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists and was not overwritten"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "precious\n")
    }

    @Test("A file that is not a results file is named and skipped; the others are reported on")
    func badFiles() throws {
        let trainer = try TemporaryDirectory(prefix: "workshop-trainer")
        let notOurs = try trainer.write("in/other.json", "[1, 2]")
        let report = try TutorBinary.run(["workshop", "report", notOurs.path], environment: TutorBinary.environment(home: trainer))
        #expect(report.status == 1)
        #expect(report.stderr.contains("other.json: not a lambda-tutor results file"), "\(report.stderr)")
    }

    @Test("A workshop code gives every learner the same questions; a mistyped code or other banks are refused; --print-key lists the key")
    func workshopCodes() throws {
        let trainer = try TemporaryDirectory(prefix: "workshop-trainer")
        let made = try TutorBinary.run(["workshop", "code", "quiz", "--bank", "concurrency", "--count", "4", "--seed", "99"], environment: TutorBinary.environment(home: trainer))
        #expect(made.status == 0, "\(made.stderr)")
        let code = try #require(made.stdout.split(separator: "\n").first.map(String.init))
        let key = try TutorBinary.run(["quiz", "--code", code, "--print-key"], environment: TutorBinary.environment(home: trainer))
        #expect(key.stdout.contains("Answer key for \(code)"), "\(key.stdout)\(key.stderr)")
        var firstQuestions: [String] = []
        for name in ["Ana", "Ben"] {
            let home = try TemporaryDirectory(prefix: "workshop-learner")
            let run = try TutorBinary.run(["quiz", "--code", code.lowercased(), "--learner", name, "--json"], stdin: "stop\n", environment: TutorBinary.environment(home: home))
            #expect(run.stdout.contains("Workshop \(code)") || run.stdout.contains("\"seed\""), "\(run.stdout)\(run.stderr)")
            let export = try TutorBinary.run(["results", "--export", "json", "-"], environment: TutorBinary.environment(home: home))
            firstQuestions.append(export.stdout)
        }
        let keyLines = key.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
        #expect(keyLines.count == 4)
        var broken = Array(code)
        broken[0] = broken[0] == "A" ? "B" : "A"
        let mistyped = try TutorBinary.run(["quiz", "--code", String(broken)], environment: TutorBinary.environment(home: trainer))
        #expect(mistyped.status == 1)
        #expect(mistyped.stderr.contains("is not a valid workshop code"), "\(mistyped.stderr)")
        // A learner with only the trainer's own banks (--no-bundled) holds other banks.
        let course = try TemporaryDirectory(prefix: "workshop-course")
        try course.write("Quizzes/own.yaml", "bank: own\ndefaults:\n  domain: development\nquestions:\n  - id: own-1\n    type: true-false\n    stem: Lambda runs code.\n    answer: true\n    explanation: Yes.\n")
        let other = try TutorBinary.run(["quiz", "--no-bundled", "--content", course.path, "--code", code], environment: TutorBinary.environment(home: trainer))
        #expect(other.status == 1)
        #expect(other.stderr.contains("made for other question banks"), "\(other.stderr)")
    }

    @Test("exam takes --bank/--topic/--domain; --no-bundled leaves only the trainer's content")
    func examFiltersAndNoBundled() throws {
        let home = try TemporaryDirectory(prefix: "workshop-learner")
        let exam = try TutorBinary.run(["exam", "--preset", "workshop", "--bank", "concurrency", "--questions", "3", "--json"], stdin: "next\nnext\nnext\n", environment: TutorBinary.environment(home: home))
        #expect(exam.status == 0, "\(exam.stderr)")
        let log = try LearnerData.attemptLines(home.url.appendingPathComponent("data"))
        #expect(log.split(separator: "\n").allSatisfy { $0.contains("\"preset\":\"workshop\"") }, "\(log)")
        let course = try TemporaryDirectory(prefix: "workshop-course")
        try course.write("Lessons/01-own.md", "---\nid: own-lesson\ntitle: Own lesson\nsummary: S.\n---\n## Step\n\nText.\n")
        let lessons = try TutorBinary.run(["lessons", "--no-bundled", "--content", course.path], environment: TutorBinary.environment(home: home))
        #expect(lessons.stdout.contains("own-lesson"))
        #expect(!lessons.stdout.contains("what-is-lambda"), "\(lessons.stdout)")
    }
}
