import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// The time the tests' settings are made and changed at.
private let changeDate = Date(timeIntervalSince1970: 1_796_000_000)

/// A function name is checked (AWS's rule: 1-64 letters, digits, `-`, `_`) before it becomes a
/// path, whichever entry point it comes through; `fn rm` removes only what the tutor made.
struct FunctionNameTests {
    /// A data folder with a victim folder beside `functions/` that looks like a function.
    struct Setup {
        let directory: TemporaryDirectory
        let registry: FunctionRegistry
        let victim: URL

        init() throws {
            directory = try TemporaryDirectory(prefix: "minilambda-names")
            registry = FunctionRegistry(root: directory.url.appendingPathComponent("data/functions"))
            try registry.create(name: "mine")
            victim = directory.url.appendingPathComponent("victim")
            try FileManager.default.createDirectory(at: victim.appendingPathComponent("code"), withIntermediateDirectories: true)
            try Data(try JSONEncoder().encode(FunctionConfiguration(functionName: "victim", runtime: .python, lastModified: changeDate))).write(to: victim.appendingPathComponent("function.json"))
            try "print('planted')".write(to: victim.appendingPathComponent("code/lambda_function.py"), atomically: true, encoding: .utf8)
        }

        var victimIntact: Bool {
            FileManager.default.fileExists(atPath: victim.appendingPathComponent("function.json").path)
                && FileManager.default.fileExists(atPath: victim.appendingPathComponent("code/lambda_function.py").path)
        }
    }

    static let traversals = ["../../victim", "../victim", "..", ".", "mine/../../../victim", "/etc", "a b", "", String(repeating: "x", count: 65)]

    @Test(arguments: traversals)
    func everyEntryPointRefusesTheName(name: String) async throws {
        let setup = try Setup()
        let registry = setup.registry
        func refused(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                try body()
                Issue.record("'\(name)' was accepted", sourceLocation: sourceLocation)
            } catch {
                let error = error as? MiniLambdaError
                #expect(error?.code == .invalidParameter, "\(String(describing: error))", sourceLocation: sourceLocation)
                #expect(error?.message.contains("functionName") == true, "\(error?.message ?? "")", sourceLocation: sourceLocation)
            }
        }
        refused { _ = try registry.configuration(name) }
        refused { _ = try registry.package(name) }
        refused { _ = try registry.configure(name, settings: ["memory=256"]) }
        refused { try registry.remove(name) }
        refused { try registry.writeCode(name, file: "x.py", contents: "x") }
        refused { _ = try registry.handlerFile(name) }
        refused { _ = try registry.codeDirectory(name) }
        refused { _ = try registry.codeFile(name, "x.py") }
        refused { _ = try registry.create(name: name) }
        #expect(!registry.exists(name))
        #expect(registry.codeFiles(name).isEmpty)
        let invoker = Invoker(settings: RuntimeSettings(scratchRoot: setup.directory.url.appendingPathComponent("envs")))
        do {
            _ = try await invoker.invoke(name, registry: registry, payload: Data("{}".utf8))
            Issue.record("invoke '\(name)' was accepted")
        } catch {
            #expect(error.code == .invalidParameter, "\(error)")
        }
        await invoker.shutdownAll()
        #expect(setup.victimIntact, "nothing outside the functions folder was touched")
        #expect(registry.names() == ["mine"])
    }

    @Test func codeFilesStayInsideTheCodeFolder() throws {
        let setup = try Setup()
        for relative in ["../function.json", "../../victim/function.json", "/etc/passwd", "a/../../x", "./x", ""] {
            #expect(throws: MiniLambdaError.self) { try setup.registry.codeFile("mine", relative) }
            #expect(throws: MiniLambdaError.self) { try setup.registry.writeCode("mine", file: relative, contents: "x") }
        }
        #expect(try setup.registry.codeFile("mine", "pkg/mod.py").path.hasSuffix("/data/functions/mine/code/pkg/mod.py"))
    }

    /// `fn rm` removes function.json and the code folder; a link in the code folder (or as it)
    /// is removed as a link, never followed; files the tutor did not make stay, and it says so.
    @Test func removeDeletesOnlyWhatTheTutorMade() throws {
        let setup = try Setup()
        let registry = setup.registry
        try registry.create(name: "linked")
        let code = try registry.codeDirectory("linked")
        try FileManager.default.createSymbolicLink(at: code.appendingPathComponent("outside"), withDestinationURL: setup.victim)
        try registry.remove("linked")
        #expect(setup.victimIntact)
        #expect(!FileManager.default.fileExists(atPath: code.deletingLastPathComponent().path))

        try registry.create(name: "codelink")
        let other = try registry.codeDirectory("codelink")
        try FileManager.default.removeItem(at: other)
        try FileManager.default.createSymbolicLink(at: other, withDestinationURL: setup.victim.appendingPathComponent("code"))
        try registry.remove("codelink")
        #expect(setup.victimIntact, "the link was removed, not what it points to")

        try registry.create(name: "cluttered")
        let notes = try registry.codeDirectory("cluttered").deletingLastPathComponent().appendingPathComponent("my-notes.txt")
        try "mine".write(to: notes, atomically: true, encoding: .utf8)
        #expect {
            try registry.remove("cluttered")
        } throws: { error in
            (error as? MiniLambdaError)?.message.contains("did not make (my-notes.txt)") == true
        }
        #expect(FileManager.default.fileExists(atPath: notes.path))
        #expect(!registry.exists("cluttered"))
    }
}
