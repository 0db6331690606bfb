import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// A registry and an invoker in a fresh temp folder; `run` always shuts the invoker down, so
/// no test leaves a process behind.
struct Harness {
    let directory: TemporaryDirectory
    let registry: FunctionRegistry
    let invoker: Invoker

    init(settings: (inout RuntimeSettings) -> Void = { _ in }) throws {
        directory = try TemporaryDirectory(prefix: "minilambda")
        registry = FunctionRegistry(root: directory.url.appendingPathComponent("functions"))
        var runtimeSettings = RuntimeSettings(scratchRoot: directory.url.appendingPathComponent("envs"))
        settings(&runtimeSettings)
        invoker = Invoker(settings: runtimeSettings, privatePaths: registry.privatePaths)
    }

    static func run(settings: (inout RuntimeSettings) -> Void = { _ in }, _ body: (Harness) async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let harness = try Harness(settings: settings)
        do {
            try await body(harness)
        } catch {
            await harness.invoker.shutdownAll()
            throw error
        }
        await harness.invoker.shutdownAll()
        let left = processesUsing(harness.directory.path)
        #expect(left.isEmpty, "runtime processes left after shutdown: \(left)", sourceLocation: sourceLocation)
    }

    /// Creates a function whose handler file has `code`.
    @discardableResult
    func function(_ name: String, runtime: FunctionRuntime = .python, code: String, file: String? = nil,
                  settings: [String] = []) throws -> FunctionConfiguration {
        let fileName = file ?? (runtime.family == .python ? "app.py" : "index.js")
        let module = (fileName as NSString).deletingPathExtension
        let function = runtime.family == .python ? "handler" : "handler"
        try registry.create(name: name, runtime: runtime, handler: "\(module).\(function)")
        try registry.writeCode(name, file: fileName, contents: code)
        if !settings.isEmpty { try registry.configure(name, settings: settings) }
        // The template file is not needed.
        try? FileManager.default.removeItem(at: registry.codeFile(name, runtime.defaultHandlerFile))
        return try registry.configuration(name)
    }

    func invoke(_ name: String, _ payload: String = "{}", options: InvokeOptions = InvokeOptions()) async throws -> InvocationResult {
        try await invoker.invoke(name, registry: registry, payload: Data(payload.utf8), options: options)
    }
}

extension Invoker {
    /// Invokes `$LATEST` of a function in `registry` by name: the workers' tests invoke the
    /// package directly, below LambdaService's routing and counting.
    func invoke(_ name: String, registry: FunctionRegistry, payload: Data, options: InvokeOptions = InvokeOptions()) async throws(MiniLambdaError) -> InvocationResult {
        try await invoke(package: try registry.package(name), payload: payload, options: options)
    }
}

extension InvocationResult {
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: payload) as? [String: Any] }
}

func processesUsing(_ marker: String) -> [Int32] {
    ProcessTree.processes(mentioning: marker)
}
