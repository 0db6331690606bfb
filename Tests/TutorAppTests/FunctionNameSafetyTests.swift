import Foundation
import Testing
import TestSupport
import TutorSupport
@testable import TutorApp

/// A function name from the prompt or from a trainer's lesson (a try block, a handler block's
/// `name=`) never reaches outside the data folder: `fn show/config/rm`, `invoke`, `logs`,
/// `envs`, `fn edit NAME FILE` and `load --name` all refuse `../../victim` with AWS's rule.
@Suite("Function names are checked at every entry point")
struct FunctionNameSafetyTests {
    static let lesson = """
    ---
    id: trap
    title: Trap
    summary: A trainer's lesson that tries to reach outside the data folder.
    ---
    ## Only

    ```try
    fn show ../../victim
    invoke ../../victim
    fn config ../../victim memory=256
    fn rm ../../victim
    logs ../../victim
    envs ../../victim
    fn edit mine ../../../victim/function.json --inline
    ```

    ```handler python name=../../victim
    def lambda_handler(event, context):
        return 1
    ```
    """

    @Test("Traversing names are refused from the prompt and from a lesson, and nothing outside is touched")
    func traversals() async throws {
        let fixture = try SessionFixture(lessons: ["01-trap.md": Self.lesson])
        // The victim sits beside the data folder, where `functions/../../victim` would land.
        let victim = fixture.directory.url.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim.appendingPathComponent("code"), withIntermediateDirectories: true)
        try #"{"functionName": "victim"}"#.write(to: victim.appendingPathComponent("function.json"), atomically: true, encoding: .utf8)
        try "keep me".write(to: victim.appendingPathComponent("code/notes.txt"), atomically: true, encoding: .utf8)
        #expect(await fixture.run("fn new mine") == [true])
        let results = await fixture.run("lesson trap", "run 1", "run 2", "run 3", "run 4", "run 5", "run 6", "run 7", "load",
                                        "fn show ../../victim", "fn rm ../../victim", "invoke ../../victim",
                                        "fn url ../../victim", "fn url ../../victim --rm", "route add GET /x ../../victim",
                                        "layer rm mine")
        #expect(results.first == true)
        #expect(results.dropFirst().allSatisfy { !$0 }, "\(results) \(fixture.capture.errors)")
        let errors = fixture.capture.errors
        #expect(errors.contains("Member must satisfy regular expression pattern"), "\(errors)")
        #expect(errors.contains("must be a path inside the function's code folder"), "\(errors)")
        #expect(errors.contains("'layer rm' deletes one version: give NAME:N, not 'mine'"), "\(errors)")
        #expect(FileManager.default.fileExists(atPath: victim.appendingPathComponent("function.json").path))
        #expect((try? String(contentsOf: victim.appendingPathComponent("code/notes.txt"), encoding: .utf8)) == "keep me")
        #expect(try String(contentsOf: victim.appendingPathComponent("function.json"), encoding: .utf8) == #"{"functionName": "victim"}"#)
        await fixture.session.shutdown()
    }
}
