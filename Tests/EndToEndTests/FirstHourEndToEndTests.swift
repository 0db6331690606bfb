import Foundation
import Testing
import TestSupport

/// The first hour's checks that need the built binary: a script that runs `fn new` on a name
/// already taken (the in-process ones are TutorAppTests' FirstHourTests).
@Suite("First hour, through the binary", .serialized)
struct FirstHourEndToEndTests {
    @Test("fn new on an existing name: a script is refused without --yes, --yes replaces it")
    func fnNewReplaces() throws {
        let home = try TemporaryDirectory()
        let env = TutorBinary.environment(home: home)
        let first = try TutorBinary.run(stdin: "fn new hello\nfn edit hello --inline\ndef handler(event, context):\n    return 'mine'\n.\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let refused = try TutorBinary.run(stdin: "fn new hello\n", environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("a function named hello already exists"), "\(refused.stderr)")
        #expect(refused.stderr.contains("fn new hello --yes replaces it"))
        let code = home.url.appendingPathComponent("data/functions/hello/code")
        let kept = try FileManager.default.contentsOfDirectory(atPath: code.path)
            .compactMap { try? String(contentsOf: code.appendingPathComponent($0), encoding: .utf8) }
        #expect(kept.contains { $0.contains("'mine'") }, "the learner's code is untouched: \(kept)")
        let replaced = try TutorBinary.run(stdin: "fn new hello --yes\n", environment: env)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("Created hello"))
        let fresh = try FileManager.default.contentsOfDirectory(atPath: code.path)
            .compactMap { try? String(contentsOf: code.appendingPathComponent($0), encoding: .utf8) }
        #expect(!fresh.contains { $0.contains("'mine'") }, "\(fresh)")
    }
}
