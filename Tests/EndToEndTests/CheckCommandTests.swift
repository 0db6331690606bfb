import Foundation
import Testing
import TestSupport

/// `lambda-tutor check` as a trainer runs it on a course folder or a few files, and what the
/// tutor shows of broken content at start-up (the real binary).
@Suite("check: courses, duplicates, code review", .serialized)
struct CheckCommandTests {
    static func lesson(_ id: String, prerequisites: String = "", body: String = "Text.") -> String {
        "---\nid: \(id)\ntitle: \(id)\nsummary: S.\n\(prerequisites.isEmpty ? "" : "prerequisites: [\(prerequisites)]\n")---\n## Step\n\n\(body)\n"
    }

    @Test("Two files sharing a lesson id, or a file reusing a bundled id: a diagnostic, never a crash")
    func duplicateIDs() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        let a = try course.write("a.md", Self.lesson("shared-id"))
        let b = try course.write("b.md", Self.lesson("shared-id"))
        let result = try TutorBinary.run(["check", a.path, b.path], environment: TutorBinary.environment(home: home))
        #expect(result.status == 1)
        #expect(result.stdout.contains("b.md:2:1: error: lesson id 'shared-id' is already used by the lesson at "), "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("a.md:2:1:"), "the first definition is fine")
        let copy = try course.write("copy.md", Self.lesson("what-is-lambda"))
        let bundled = try TutorBinary.run(["check", copy.path], environment: TutorBinary.environment(home: home))
        #expect(bundled.status == 1)
        #expect(bundled.stdout.contains("copy.md:2:1: error: lesson id 'what-is-lambda' is already used by the bundled lesson"), "\(bundled.stdout)")
    }

    @Test("check COURSE/ checks against what the tutor loads: bundled prerequisites resolve, clashes are found")
    func courseAgainstBundled() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        try course.write("Lessons/01-next.md", Self.lesson("after-basics", prerequisites: "what-is-lambda"))
        try course.write("Lessons/02-clash.md", Self.lesson("handlers"))
        let result = try TutorBinary.run(["check", course.path], environment: TutorBinary.environment(home: home))
        #expect(!result.stdout.contains("01-next.md"), "a bundled prerequisite is not an error: \(result.stdout)")
        #expect(result.stdout.contains("02-clash.md:2:1: error: lesson id 'handlers' is already used by the bundled lesson"), "\(result.stdout)")
        #expect(result.stdout.contains("1 error(s)"), "bundled lessons' own findings are not reported: \(result.stdout)")
    }

    @Test("The same folder from LAMBDA_TUTOR_CONTENT and --content is loaded once")
    func sameFolderTwice() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        try course.write("Lessons/01-mine.md", Self.lesson("my-own-lesson"))
        let env = TutorBinary.environment(home: home, extra: ["LAMBDA_TUTOR_CONTENT": course.path])
        let check = try TutorBinary.run(["--content", course.path + "/", "check"], environment: env)
        #expect(!check.stdout.contains("duplicate") && !check.stdout.contains("already used"), "\(check.stdout)")
        let lessons = try TutorBinary.run(["lessons", "--content", course.path], environment: env)
        #expect(lessons.stdout.split(separator: "\n").filter { $0.contains("my-own-lesson") }.count == 1, "listed once: \(lessons.stdout)")
        #expect(!lessons.stderr.contains("skipped"), "\(lessons.stderr)")
    }

    @Test("Start-up lists each skipped lesson with its line; a quiz lists bank problems with their lines")
    func startupListsProblems() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        try course.write("Lessons/01-broken.md", "---\nid: broken-one\ntitle: T\nsummary: S\n---\n")
        try course.write("Quizzes/broken.yaml", "bank: broken\ndefaults:\n  domain: development\nquestions:\n  - id: broken-q\n    type: true-false\n    stem: Remember: colons need quotes.\n    answer: true\n")
        let result = try TutorBinary.run(["--content", course.path], stdin: "lessons\nquiz --bank broken --count 1\n", environment: TutorBinary.environment(home: home))
        let skipLine = result.stderr.split(separator: "\n").first { $0.hasPrefix("\(course.path)/Lessons/01-broken.md:6:1: error: a lesson needs at least one step") }
        #expect(skipLine?.hasSuffix("(the lesson is skipped)") == true, "\(result.stderr)")
        #expect(result.stderr.contains("broken.yaml:7:"), "bank problems are listed with their lines: \(result.stderr)")
        let bankLine = result.stderr.split(separator: "\n").first { $0.contains("broken.yaml:7:") } ?? ""
        #expect(bankLine.contains(": error: "), "a bank problem is a diagnostic of its own: \(result.stderr)")
        #expect(!result.stderr.contains("warning: ") || !result.stderr.contains(": error: "), "never 'warning: … error: …': \(result.stderr)")
        let twice = try TutorBinary.run(["--content", course.path], stdin: "quiz --bank broken --count 1\nquiz --bank broken --count 1\n",
                                        environment: TutorBinary.environment(home: home))
        #expect(twice.stderr.components(separatedBy: "broken.yaml:7:").count == 2, "bank problems are reported once a session: \(twice.stderr)")
    }

    @Test("check --list-code lists every handler with its code and every try command, with file:line")
    func listCode() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        let body = "```handler python name=appendix\nimport os\nos.system('echo hi')\n```\n\n```try\nload appendix\ninvoke appendix\n```"
        let file = try course.write("Lessons/01-code.md", Self.lesson("code-review", body: body))
        let result = try TutorBinary.run(["check", "--list-code", course.path], environment: TutorBinary.environment(home: home))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(file.path):8: handler python name=appendix"), "\(result.stdout)")
        #expect(result.stdout.contains("│ os.system('echo hi')"))
        #expect(result.stdout.contains("\(file.path):14: try load appendix"))
        #expect(result.stdout.contains("\(file.path):15: try invoke appendix"))
        #expect(result.stdout.contains("1 handler(s) and 2 try command(s) in 1 lesson file(s)"))
        #expect(!result.stdout.contains("what-is-lambda"), "only the named course is listed")
    }

    @Test("load takes a handler only from the step being read, not one from another step")
    func loadOnlyFromCurrentStep() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        try course.write("Lessons/01-two.md", "---\nid: two-steps\ntitle: T\nsummary: S\n---\n## First\n\nNothing to run.\n\n## Appendix\n\n```handler python name=appendix\ndef handler(event, context):\n    return 1\n```\n")
        let result = try TutorBinary.run(["--content", course.path], stdin: "lesson two-steps\nload appendix\n", environment: TutorBinary.environment(home: home))
        #expect(result.status == 1)
        #expect(result.stderr.contains("the handler 'appendix' is in step 2 ('Appendix'), not in this one"), "\(result.stderr)")
        let there = try TutorBinary.run(["--content", course.path], stdin: "lesson two-steps --step 2\nload appendix\n", environment: TutorBinary.environment(home: home))
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("Loaded the handler into appendix"))
    }
}
