import Foundation
import TutorSupport
import Quiz
import Testing
import TestSupport

/// `quiz`, `exam`, `results`, `import`, `export` and `check` through the real binary, with
/// piped stdin and answer files: what trainers' scripts and CI see.
@Suite("Quiz commands in script mode", .serialized)
struct QuizScriptTests {
    static func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let start = try #require(text.firstIndex(of: "{"), sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(text[start...].utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    @Test("quiz --json with answers on stdin: a summary, and every answer in the attempt log")
    func quizJSON() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        let result = try TutorBinary.run(["quiz", "--seed", "5", "--count", "3", "--json"], stdin: "t sure\nshow\nfalse\n", environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.json(result.stdout)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["asked"] as? Int == 3)
        #expect(summary["answered"] as? Int == 2)
        #expect(summary["correct"] as? Int == 1)
        #expect(summary["revealed"] as? Int == 1)
        let answers = try #require(report["answers"] as? [[String: Any]])
        #expect(answers.first?["confidence"] as? String == "sure")
        let log = try LearnerData.attemptLines(dir.url.appendingPathComponent("data"))
        #expect(log.split(separator: "\n").count == 3)
        // The same seed asks the same questions.
        let again = try TutorBinary.run(["quiz", "--seed", "5", "--count", "3", "--json"], stdin: "t\nt\nt\n", environment: env)
        let ids = { (text: String) throws -> [String] in
            (try Self.json(text)["answers"] as? [[String: Any]] ?? []).compactMap { $0["question"] as? String }
        }
        #expect(try ids(again.stdout) == (answers.compactMap { $0["question"] as? String }))
    }

    @Test("An answer that fits no form is re-prompted with the accepted forms and fails the script")
    func reprompt() throws {
        let dir = try TemporaryDirectory()
        let result = try TutorBinary.run(stdin: "quiz --seed 1 --count 1\nmaybe\nt\n", environment: try ScriptedContent.environment(dir))
        #expect(result.status == 1)
        #expect(result.stderr.contains("'maybe' is not true or false."))
        #expect(result.stderr.contains("accepted: true or false (t / f)"))
        #expect(result.stdout.contains("✓ Correct."))
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test("exam from an answer file is submitted and scored like AWS")
    func examFromFile() throws {
        let dir = try TemporaryDirectory()
        let answers = try dir.write("answers.txt", "t\nf\nnext\nt\n")
        let result = try TutorBinary.run(["exam", "--preset", "workshop", "--questions", "4", "--seed", "2", "--json", "--answers", answers.path],
                                     environment: try ScriptedContent.environment(dir))
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.json(result.stdout)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["scoredCorrect"] as? Int == 2)
        #expect(summary["scoredTotal"] as? Int == 4)
        #expect(summary["scaledScore"] as? Int == 100 + Int((620.0 * 0.5 / 0.72).rounded()))
        #expect(summary["passed"] as? Bool == false)
        #expect(summary["unanswered"] as? [Int] == [3])
        let history = LearnerData.examSummaries(dir.url.appendingPathComponent("data"))
        #expect(history.count == 1 && history.first?.scaledScore == summary["scaledScore"] as? Int)
    }

    @Test("pause, then exam --resume in a new process; end of input mid-exam keeps every answer")
    func pauseAndResume() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        let first = try TutorBinary.run(stdin: "exam --preset workshop --questions 3 --seed 4\nt\nflag\npause\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Exam paused"))
        let second = try TutorBinary.run(stdin: "exam --resume\nreview\nt\n", environment: env)
        #expect(second.stdout.contains("Resuming"))
        #expect(second.stdout.contains("1 of 3 answered"))
        #expect(second.stdout.contains("⚑"), "the flag survived")
        #expect(second.stderr.contains("input ended during the exam: it is paused and saved"))
        let third = try TutorBinary.run(["exam", "--resume", "--json"], stdin: "t\n", environment: env)
        #expect(third.status == 0, "\(third.stderr)")
        let summary = try #require(try Self.json(third.stdout)["summary"] as? [String: Any])
        #expect(summary["scoredCorrect"] as? Int == 3)
        #expect(ExamStore(home: DataHome(root: dir.url.appendingPathComponent("data"))).paused().exams.isEmpty, "a submitted exam is no longer paused")
    }

    @Test("exam in the REPL: flag, goto, review grid, submit with a warning about open questions")
    func examNavigation() throws {
        let dir = try TemporaryDirectory()
        let script = "exam --preset workshop --questions 3 --seed 6 --minutes 5\nflag\ngoto 3\nt\nreview\nsubmit\nno\nsubmit\nyes\nreview flagged\ndone\nresults\n"
        let result = try TutorBinary.run(stdin: script, environment: try ScriptedContent.environment(dir))
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Workshop quiz: 3 questions, 5:00"))
        #expect(out.contains("Question 1 flagged for review."))
        #expect(out.contains("[  3✓]") || out.contains("  3✓"))
        #expect(out.contains("Not submitted. 'goto 1' takes you to the first open question."))
        #expect(out.contains("Score 100 / 1000") || out.contains("Score "))
        #expect(out.contains("Unanswered: 1, 2"))
        #expect(out.contains("What to study next"))
    }

    @Test("results --export csv writes every answer")
    func export() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        _ = try TutorBinary.run(["quiz", "--seed", "1", "--count", "2"], stdin: "t\nf\n", environment: env)
        let csv = dir.url.appendingPathComponent("out.csv")
        let result = try TutorBinary.run(["results", "--export", "csv", csv.path], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "time,session,mode,question,domain,lesson,seed,answer,correct,seconds,confidence,hinted,revealed,skipped,learner,workshop,preset,answered")
        #expect(lines.count == 3)
        let report = try TutorBinary.run(["results", "--json"], environment: env)
        #expect(try Self.json(report.stdout)["answered"] as? Int == 2)
    }

    @Test("import gift → bank → check passes; a broken GIFT file reports file:line:col and exits 1")
    func importAndCheck() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        let gift = try dir.write("in.gift", """
        $CATEGORY: lambda/security

        ::Principal:: Which principal does the execution role trust? {=lambda.amazonaws.com}

        ::Retries:: Default async retries? {#2}

        ::Open:: Never closed {=a ~b
        """)
        let bank = dir.url.appendingPathComponent("Banks/imported.yaml")
        let result = try TutorBinary.run(["import", "gift", gift.path, "-o", bank.path], environment: env)
        #expect(result.status == 1, "one question could not be imported")
        #expect(result.stderr.contains("in.gift:7:23: error: unbalanced braces"))
        #expect(result.stdout.contains("Imported 2 question(s)"))
        let check = try TutorBinary.run(["check", bank.path], environment: env)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("0 error(s)"))
        let direct = try TutorBinary.run(["check", gift.path], environment: env)
        #expect(direct.status == 1)
        #expect(direct.stdout.contains("in.gift:7:23: error: unbalanced braces"))
    }

    @Test("export aiken writes single-answer questions and says what it dropped")
    func exportAiken() throws {
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out.txt")
        let result = try TutorBinary.run(["export", "aiken", "domain:security", "-o", out.path], environment: try ScriptedContent.environment(dir))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Wrote 2 of 2 question(s)"))
        #expect(result.stderr.contains("not carried over: per-option feedback dropped"))
        #expect(try String(contentsOf: out, encoding: .utf8).contains("A) True\nB) False\nANSWER: A"))
    }

    @Test("check reports bank errors as path:line:col and exits 1")
    func checkBanks() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        try dir.write("bad/Quizzes/b.yaml", "- id: x\n  domain: security\n  type: numeric\n  stem: s\n  answer: 3\n")
        let result = try TutorBinary.run(["check", dir.url.appendingPathComponent("bad").path], environment: env)
        #expect(result.status == 1)
        #expect(result.stdout.contains("b.yaml:1:3: error: a numeric question needs `tolerance:`"))
    }
}

@Suite("Lesson checkpoints", .serialized)
struct LessonCheckpointTests {

    @Test("A checkpoint is shown as a question, answered with 'answer', and recorded as passed")
    func answerCheckpoint() throws {
        let dir = try TemporaryDirectory()
        var env = try ScriptedContent.environment(dir)
        try dir.write("content/Lessons/01-retries.md", ScriptedContent.retriesLesson)
        env["LAMBDA_TUTOR_BUNDLE"] = dir.url.appendingPathComponent("content").path
        let result = try TutorBinary.run(stdin: "lesson retries\nanswer 3\nanswer 2\nprogress\n", environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Checkpoint: How many retries by default?"))
        #expect(result.stdout.contains("Type a number. Type answer followed by your answer."))
        #expect(result.stdout.contains("✗ Not quite.\nHint: Your number is too high."), "a hint and a second try, not the key")
        #expect(!result.stdout.contains("The answer is 2"))
        #expect(result.stdout.contains("✓ Correct."))
        #expect(result.stdout.contains("Checkpoints in retries: 1 of 1 passed — the lesson is done."))
        #expect(result.stdout.contains("checkpoints 1 of 1"))
        let log = try LearnerData.attemptLines(dir.url.appendingPathComponent("data"))
        #expect(log.contains("\"mode\":\"lesson\""))
        #expect(log.contains("\"question\":\"retries/check-1.1\""))
    }

    @Test("check validates checkpoint blocks with the quiz engine, at lesson-file lines")
    func validateCheckpoint() throws {
        let dir = try TemporaryDirectory()
        let env = try ScriptedContent.environment(dir)
        let broken = ScriptedContent.retriesLesson.replacingOccurrences(of: "tolerance: 0", with: "tolerence: 0")
            .replacingOccurrences(of: "async.retries_default", with: "async.retries_defualt")
        try dir.write("course/Lessons/01-retries.md", broken)
        let result = try TutorBinary.run(["check", dir.url.appendingPathComponent("course").path], environment: env)
        #expect(result.status == 1)
        #expect(result.stdout.contains("01-retries.md:13:16: error: unknown fact 'async.retries_defualt'; did you mean 'async.retries_default'?"), "\(result.stdout)")
        #expect(result.stdout.contains("01-retries.md:14:1: warning: unknown key 'tolerence' in a question is ignored; did you mean 'tolerance'?"))
    }
}
