import Foundation
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
            let settings = try String(contentsOf: home.url.appendingPathComponent("data/settings.json"), encoding: .utf8)
            #expect(settings.contains("\"learner\" : \"\(name)\""), "\(settings)")
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
}
