import Foundation
import Testing
import TestSupport

/// The learner's work is never lost: `load` over edited code keeps a copy and says where,
/// `fn rm` must be confirmed, and no file is overwritten without a yes.
@Suite("The learner's work is safe", .serialized)
struct LearnerWorkSafetyTests {
    static let lesson = """
    ---
    id: safe
    title: Safe loading
    summary: A step with handler code.
    ---
    ## Only step

    ```handler python name=greeter handler=app.lambda_handler
    def lambda_handler(event, context):
        return {"greeting": "lesson"}
    ```
    """

    @Test("load over code the learner changed keeps a copy of it and says where; over its own code it just loads")
    func loadKeepsEditedCode() throws {
        let home = try TemporaryDirectory(prefix: "safe-load")
        try home.write("course/Lessons/01-safe.md", Self.lesson)
        let script = """
        lesson safe
        load greeter
        load greeter
        fn edit greeter --inline
        def lambda_handler(event, context):
            return {"greeting": "mine"}
        .
        load greeter
        """
        let result = try TutorBinary.run(["--content", home.url.appendingPathComponent("course").path], stdin: script + "\n",
                                         environment: TutorBinary.environment(home: home))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "Loaded the handler into greeter").count - 1 == 3)
        // Reloading the lesson's own code keeps nothing; replacing the learner's keeps a copy.
        #expect(result.stdout.components(separatedBy: "Your earlier code is kept in").count - 1 == 1, "\(result.stdout)")
        let backups = home.url.appendingPathComponent("data/functions/greeter/backups")
        let stamps = try FileManager.default.contentsOfDirectory(atPath: backups.path)
        #expect(stamps.count == 1)
        let kept = try String(contentsOf: backups.appendingPathComponent(stamps[0]).appendingPathComponent("app.py"), encoding: .utf8)
        #expect(kept.contains("\"mine\""))
        // A path wider than the line is cut after a '/', so joining the lines gives it back whole.
        #expect(result.stdout.replacingOccurrences(of: "\n", with: "").contains(backups.appendingPathComponent(stamps[0]).path), "\(result.stdout)")
        let now = try String(contentsOf: home.url.appendingPathComponent("data/functions/greeter/code/app.py"), encoding: .utf8)
        #expect(now.contains("\"lesson\""))
    }

    @Test("fn rm in a script needs --yes; fn edit --inline moves LastModified on")
    func removeNeedsConfirmation() throws {
        let home = try TemporaryDirectory(prefix: "safe-rm")
        let script = """
        fn new keep
        fn show keep
        fn edit keep --inline
        def lambda_handler(event, context):
            return 1
        .
        fn show keep
        fn rm keep
        fn list
        fn rm keep --yes
        fn list
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: TutorBinary.environment(home: home))
        #expect(result.status == 1, "the refused fn rm counts as a failure")
        #expect(result.stderr.contains("fn rm deletes keep's code; in a script add --yes to confirm"), "\(result.stderr)")
        #expect(result.stdout.contains("Removed keep"))
        #expect(result.stdout.contains("No functions yet."))
        let modified = result.stdout.split(separator: "\n").filter { $0.contains("LastModified") }
        #expect(modified.count == 2)
        #expect(Set(modified).count == 2, "LastModified changes when the code does: \(modified)")
    }

    @Test("results --export, import -o and export -o never overwrite a file without --yes")
    func noSilentOverwrite() throws {
        let home = try TemporaryDirectory(prefix: "safe-export")
        let target = try home.write("answers.csv", "precious\n")
        let gift = try home.write("questions.gift", "precious\n")
        let script = """
        results --export csv \(target.path)
        export gift -o \(gift.path)
        results --export csv \(target.path) --yes
        """
        let result = try TutorBinary.run(stdin: script + "\n", environment: TutorBinary.environment(home: home))
        #expect(result.stderr.contains("\(target.path) already exists and was not overwritten"), "\(result.stderr)")
        #expect(result.stderr.contains("\(gift.path) already exists and was not overwritten"))
        #expect(try String(contentsOf: gift, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("time,session,mode"), "replaced with --yes")
    }
}
