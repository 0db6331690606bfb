import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// `fn new` builds the function beside its final place and renames it in: a tutor killed
/// midway leaves a hidden leftover (removed at the next start), never a half-made function.
struct FunctionCreateTests {
    @Test("Create leaves only the finished function; a half-built one beside it is no function")
    func builtBesideThenRenamed() throws {
        let directory = try TemporaryDirectory()
        let registry = FunctionRegistry(root: directory.url)
        // What a kill during a create leaves: code, but no settings, in the hidden folder.
        let leftover = directory.url.appendingPathComponent(".orders.new-123-456/code")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        #expect(registry.names().isEmpty, "a half-built function is not listed")
        #expect(!registry.exists("orders"))

        try registry.create(name: "orders", runtime: .python, template: .hello)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == [".orders.new-123-456", "orders"], "only the old leftover is beside it (the tutor removes it at start)")
        #expect(registry.names() == ["orders"])
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("orders/function.json").path))
        #expect(throws: MiniLambdaError.self) { try registry.create(name: "orders") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 2, "a refused create leaves nothing")
    }
}
