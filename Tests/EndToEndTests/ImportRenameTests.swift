import Foundation
import Quiz
import Testing
import TestSupport
import TutorSupport

/// Re-importing an Aiken or GIFT file over the bank an older version wrote (ids by position)
/// moves the learner's past answers to the questions' new, text-derived ids.
@Suite("Import follows renamed questions", .serialized)
struct ImportRenameTests {
    static let aiken = """
    Which service runs the handler?
    A) Lambda
    B) S3
    ANSWER: A

    What is the largest timeout, in seconds?
    A) 300
    B) 900
    ANSWER: B
    """

    @Test("Answers under week1-1 and week1-2 follow their questions; an edited question's answers stay")
    func follows() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        let source = try dir.write("week1.txt", Self.aiken)
        let bank = dir.url.appendingPathComponent("Banks/week1.yaml")
        let first = try TutorBinary.run(["import", "aiken", source.path, "-o", bank.path], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let derived = try String(contentsOf: bank, encoding: .utf8).components(separatedBy: "\n")
            .filter { $0.contains("id: ") }.map { $0.components(separatedBy: "id: ")[1].trimmingCharacters(in: .whitespaces) }
        #expect(derived.count == 2 && derived.allSatisfy { $0.hasPrefix("week1-") && $0.count > 10 }, "\(derived)")

        // The bank as an older version wrote it: ids by position.
        var old = try String(contentsOf: bank, encoding: .utf8)
        old = old.replacingOccurrences(of: derived[0], with: "week1-1").replacingOccurrences(of: derived[1], with: "week1-2")
        try old.write(to: bank, atomically: true, encoding: .utf8)
        let log = AttemptLog(home: DataHome(root: dir.url.appendingPathComponent("data")))
        func answer(_ question: String, _ n: Double) -> AttemptRecord {
            AttemptRecord(time: Date(timeIntervalSince1970: 1_800_000_000 + n), session: "s", mode: .practice, question: question,
                          domain: "development", seed: 1, answer: "A", correct: true, seconds: 3)
        }
        try log.append([answer("week1-1", 1), answer("week1-1", 2), answer("week1-2", 3), answer("other", 4)])

        // The trainer fixes the second question's text in the source, then imports again.
        try dir.write("week1.txt", Self.aiken.replacingOccurrences(of: "largest timeout", with: "longest timeout"))
        let again = try TutorBinary.run(["import", "aiken", source.path, "-o", bank.path, "--yes"], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("2 past answer(s) now point at the new ids of 1 question(s)"), "\(again.stdout)")
        let questions = try log.read().records.map(\.question)
        #expect(questions == [derived[0], derived[0], "week1-2", "other"], "the edited question is another question: its answer stays")

        // Importing once more changes nothing: no id is gone.
        let third = try TutorBinary.run(["import", "aiken", source.path, "-o", bank.path, "--yes"], environment: env)
        #expect(!third.stdout.contains("past answer"), "\(third.stdout)")
        #expect(try log.read().records.map(\.question) == questions)
    }
}
