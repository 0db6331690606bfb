import Foundation
import TutorSupport
import LearnerStore
import Testing
import TestSupport

/// The real binary with piped stdin and as CLI subcommands: what trainers' scripts and CI see.
@Suite("Script mode and CLI", .serialized)
struct ScriptModeTests {
    func environment(_ home: TemporaryDirectory, _ extra: [String: String] = [:]) -> [String: String] {
        TutorBinary.environment(home: home, extra: extra)
    }

    @Test("Piped commands run without a prompt or escape codes and exit 0")
    func pipedSuccess() throws {
        let home = try TemporaryDirectory()
        let result = try TutorBinary.run(stdin: "lessons\nlesson what-is-lambda\nnext\nwhere\n", environment: environment(home))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("what-is-lambda"))
        #expect(result.stdout.contains("step 2 of"))
        #expect(!result.stdout.contains("\u{1B}"), "no escape codes when output is not a terminal")
        #expect(!result.stdout.contains("λ ›"), "no prompt in script mode")
    }

    @Test("Any failed command makes the exit status non-zero; later commands still run")
    func pipedFailure() throws {
        let home = try TemporaryDirectory()
        let result = try TutorBinary.run(stdin: "nonsense\nlessons\n", environment: environment(home))
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown command 'nonsense'"))
        #expect(result.stdout.contains("what-is-lambda"))
    }

    @Test("Progress persists across runs; a damaged older progress file is kept and said; a damaged database is moved aside with a message")
    func progressAcrossRuns() throws {
        let home = try TemporaryDirectory()
        let data = home.url.appendingPathComponent("data")
        _ = try TutorBinary.run(stdin: "lesson what-is-lambda --step 3\n", environment: environment(home))
        let second = try TutorBinary.run(stdin: "where\n", environment: environment(home))
        #expect(second.stdout.contains("You last worked on What Lambda is"))

        // An older version's progress file, damaged: not imported, said, kept as it was.
        try "not json".write(to: data.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        let third = try TutorBinary.run(stdin: "where\n", environment: environment(home))
        #expect(third.status == 0)
        #expect(third.stderr.contains("progress.json could not be read (not valid JSON)"), "\(third.stderr)")
        #expect(third.stdout.contains("You last worked on What Lambda is"), "the stored progress is untouched")
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: data.path).first { $0.hasPrefix("migrated-") })
        #expect(try String(contentsOf: data.appendingPathComponent("\(kept)/progress.json"), encoding: .utf8) == "not json")

        // The database itself damaged: moved aside whole, said, a new one started.
        let database = data.appendingPathComponent("learner.sqlite")
        try LearnerDatabase(home: DataHome(root: data)).checkpoint()  // all of it in the file, none only in the -wal
        let handle = try FileHandle(forWritingTo: database)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try handle.close()
        let damaged = try Data(contentsOf: database)
        let fourth = try TutorBinary.run(stdin: "lessons\n", environment: environment(home))
        #expect(fourth.status == 0)
        #expect(fourth.stderr.contains("the learner database \(database.path) is damaged"), "\(fourth.stderr)")
        let aside = try #require(try FileManager.default.contentsOfDirectory(atPath: data.path).first { $0.hasPrefix("learner.sqlite.damaged-") })
        #expect(try Data(contentsOf: data.appendingPathComponent(aside)).prefix(damaged.count) == damaged, "kept as it was")
        let fifth = try TutorBinary.run(stdin: "where\n", environment: environment(home))
        #expect(fifth.stderr.isEmpty, "reported once: \(fifth.stderr)")
    }

    @Test("lessons and lesson subcommands print without opening the REPL")
    func subcommands() throws {
        let home = try TemporaryDirectory()
        let list = try TutorBinary.run(["lessons"], environment: environment(home))
        #expect(list.status == 0)
        #expect(list.stdout.contains("What Lambda is"))
        let step = try TutorBinary.run(["lesson", "what-is-lambda", "--step", "2"], environment: environment(home))
        #expect(step.status == 0)
        #expect(step.stdout.contains("step 2 of"))
        let bad = try TutorBinary.run(["lesson", "what-is-lambda", "--step", "99"], environment: environment(home))
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("out of range"))
    }

    @Test("--version and --help work everywhere")
    func versionAndHelp() throws {
        let home = try TemporaryDirectory()
        let version = try TutorBinary.run(["--version"], environment: environment(home))
        #expect(version.status == 0)
        #expect(version.stdout.contains("0."))
        for arguments in [["--help"], ["lesson", "--help"], ["check", "--help"], ["calc", "--help"]] {
            let help = try TutorBinary.run(arguments, environment: environment(home))
            #expect(help.status == 0, "\(arguments)")
            #expect(help.stdout.contains("USAGE"), "\(arguments)")
        }
    }

    @Test("--content adds a trainer's lessons; a missing folder is a warning, not a failure")
    func trainerContent() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        try course.write("Lessons/01-mine.md", "---\nid: my-lesson\ntitle: My lesson\nsummary: Mine.\n---\n## Only\nHello.\n")
        let result = try TutorBinary.run(["--content", course.path, "--content", "/no/such/folder"], stdin: "lessons\n", environment: environment(home))
        #expect(result.status == 0)
        #expect(result.stdout.contains("my-lesson"))
        #expect(result.stdout.contains("what-is-lambda"))
        #expect(result.stderr.contains("/no/such/folder does not exist"))
        let viaEnv = try TutorBinary.run(["lessons"], environment: environment(home, ["LAMBDA_TUTOR_CONTENT": course.path]))
        #expect(viaEnv.stdout.contains("my-lesson"))
    }

    @Test("check passes on the bundled content's lessons that are complete")
    func checkBundledLesson() throws {
        let home = try TemporaryDirectory()
        let lesson = SourceTree.root.appendingPathComponent("Lessons/01-what-is-lambda.md").path
        let result = try TutorBinary.run(["check", lesson], environment: environment(home))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 error(s)"))
    }

    @Test("check reports broken lessons as path:line:col and exits 1; warnings alone pass unless --strict")
    func checkBroken() throws {
        let home = try TemporaryDirectory()
        let course = try TemporaryDirectory()
        try course.write("a.md", "---\nid: a\ntitle: A\nsummary: S\nprerequisites: [zzz]\n---\n## S\n```tyr\nlessons\n```\n\n```try\nlessonz\n```\n")
        try course.write("b.md", "---\nid: b\ntitle: B\nsummary: S\ncolour: red\n---\n## S\nfine\n")
        try course.write("c.md", Data([0x00, 0x01]).base64EncodedString())
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x00, 0xFF]).write(to: course.url.appendingPathComponent("d.md"))
        let result = try TutorBinary.run(["check", course.path], environment: environment(home))
        #expect(result.status == 1)
        let out = result.stdout
        #expect(out.contains("a.md:8:4: error: unknown fenced block kind 'tyr'; did you mean 'try'?"))
        #expect(out.contains("a.md:13:1: error: try command 'lessonz' is not a tutor command"))
        #expect(out.contains("a.md:5:17: error: prerequisite 'zzz' is not a known lesson id"), "the id as written under prerequisites:")
        #expect(out.contains("b.md:5:1: warning: unknown key 'colour' in the front matter is ignored"))
        #expect(out.contains("c.md:1:1: error: a lesson file starts with front matter"))
        #expect(out.contains("d.md:2:1: error: this is not a text file"))
        let onlyWarnings = try TemporaryDirectory()
        try onlyWarnings.write("b.md", "---\nid: b\ntitle: B\nsummary: S\ncolour: red\n---\n## S\nfine\n")
        #expect(try TutorBinary.run(["check", onlyWarnings.path], environment: environment(home)).status == 0)
        #expect(try TutorBinary.run(["check", "--strict", onlyWarnings.path], environment: environment(home)).status == 1)
    }

    @Test("A read-only data folder does not stop the tutor")
    func readOnlyHome() throws {
        let home = try TemporaryDirectory()
        let result = try TutorBinary.run(stdin: "lesson what-is-lambda\nnext\n", environment: environment(home, ["LAMBDA_TUTOR_HOME": "/proc/lambda-tutor-cannot-write"]))
        #expect(result.status == 0)
        #expect(result.stdout.contains("step 2 of"))
        #expect(result.stderr.contains("which is removed when you leave: nothing is saved"))
    }

    @Test("A data folder others can write to is refused with one warning; the session works in a private folder removed at the end")
    func openHome() throws {
        let home = try TemporaryDirectory()
        let open = home.url.appendingPathComponent("open", isDirectory: true)
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: false)
        chmod(open.path, 0o777)
        let result = try TutorBinary.run(stdin: "fn new hello\ninvoke hello\nlesson what-is-lambda\nnext\n",
                                         environment: environment(home, ["LAMBDA_TUTOR_HOME": open.path]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("step 2 of"))
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("can be written by other users") == true && warnings.first?.contains("chmod 700 \(open.path)") == true)
        let scratch = try #require(warnings.first.flatMap { $0.range(of: "keeps your work in ") }.map { String(warnings.first![$0.upperBound...].prefix { $0 != "," }) })
        #expect(scratch.contains("lambda-tutor-unsaved-"))
        #expect(!FileManager.default.fileExists(atPath: scratch), "the private folder \(scratch) is removed at the end")
        #expect(try FileManager.default.contentsOfDirectory(atPath: open.path).isEmpty, "nothing written to the refused folder")
    }
}
