import Foundation
import TutorSupport

/// A Lambda runtime identifier (`python3.12`, `nodejs22.x`) and how the tutor runs it here.
///
/// The tutor labels functions with current AWS runtime ids, but executes them with the local
/// interpreter (`python3`, `node`), whatever its version: ``localInterpreter`` says which, so
/// `fn show` can be honest about it.
package struct FunctionRuntime: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Family: String, Sendable, Hashable, Codable {
        case python, node
    }

    package let identifier: String
    package let family: Family

    /// The runtimes the tutor accepts; the first of each family is its default.
    package static let supported: [FunctionRuntime] = [
        FunctionRuntime(identifier: "python3.12", family: .python),
        FunctionRuntime(identifier: "python3.13", family: .python),
        FunctionRuntime(identifier: "python3.14", family: .python),
        FunctionRuntime(identifier: "python3.11", family: .python),
        FunctionRuntime(identifier: "nodejs22.x", family: .node),
        FunctionRuntime(identifier: "nodejs24.x", family: .node),
    ]

    /// The list as help texts give it: `python3.12 (default), python3.13, …`, each family's
    /// default marked, so no help names the runtimes by hand.
    package static var supportedList: String {
        supported.map { $0 == python || $0 == node ? "\($0.identifier) (default for \($0.family == .python ? ".py" : ".js"))" : $0.identifier }
            .joined(separator: ", ")
    }

    package static let python = supported[0]
    package static let node = supported[4]

    init(identifier: String, family: Family) {
        self.identifier = identifier
        self.family = family
    }

    /// The runtime with this id, or an error with a "did you mean".
    package static func named(_ identifier: String) throws(MiniLambdaError) -> FunctionRuntime {
        if let match = supported.first(where: { $0.identifier == identifier }) { return match }
        var message = "Value '\(identifier)' at 'runtime' failed to satisfy constraint: Member must be one of \(supported.map(\.identifier).joined(separator: ", "))"
        if let hint = Suggestions.didYouMean(identifier, in: supported.map(\.identifier)) { message += " (\(hint))" }
        throw MiniLambdaError(.invalidParameter, message)
    }

    package var description: String { identifier }

    /// The command on PATH that runs this runtime's functions here.
    package var localInterpreter: String { family == .python ? "python3" : "node" }

    /// `AWS_EXECUTION_ENV` as Lambda sets it.
    package var executionEnvironment: String { "AWS_Lambda_\(identifier)" }

    /// The handler AWS's console proposes for a new function of this runtime.
    package var defaultHandler: String { family == .python ? "lambda_function.lambda_handler" : "index.handler" }

    /// The file the default handler lives in.
    package var defaultHandlerFile: String { family == .python ? "lambda_function.py" : "index.mjs" }

    /// `python:3.12` / `nodejs:22`, the prefix of the `INIT_START Runtime Version:` field.
    var versionLabel: String {
        switch family {
        case .python: return "python:\(identifier.dropFirst("python".count))"
        case .node: return "nodejs:\(identifier.dropFirst("nodejs".count).dropLast(2))"
        }
    }

    /// The source file a handler string points at, relative to the code folder
    /// (`app.main` → `app.py`, `pkg/mod.fn` → `pkg/mod.py`, `index.handler` → `index.mjs` or `.js`).
    package func handlerFileCandidates(_ handler: String) -> [String] {
        guard let dot = handler.lastIndex(of: ".") else { return [] }
        var module = String(handler[..<dot])
        switch family {
        case .python:
            return [module.replacingOccurrences(of: ".", with: "/") + ".py"]
        case .node:
            // Node handlers may name a nested export (`index.handlers.main`): the file is up to the first dot of the base name.
            let base = (module as NSString).lastPathComponent
            if let firstDot = base.firstIndex(of: ".") {
                let directory = (module as NSString).deletingLastPathComponent
                let file = String(base[..<firstDot])
                module = directory.isEmpty ? file : "\(directory)/\(file)"
            }
            return [".mjs", ".js", ".cjs"].map { module + $0 }
        }
    }
}

extension FunctionRuntime {
    /// The file code for `handler` should be written to. For Node this follows Lambda's own
    /// rule: ES module syntax (`export`, `import … from`) needs an `.mjs` file, CommonJS
    /// (`exports.handler = …`) a `.js` file; getting it wrong fails at import time.
    package func sourceFile(forHandler handler: String, code: String) -> String {
        let candidates = handlerFileCandidates(handler)
        guard family == .node, let module = candidates.first.map({ String($0.dropLast(".mjs".count)) }) else {
            return candidates.first ?? defaultHandlerFile
        }
        return Self.usesESModuleSyntax(code) ? module + ".mjs" : module + ".js"
    }

    static func usesESModuleSyntax(_ code: String) -> Bool {
        code.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("export ") || (trimmed.hasPrefix("import ") && trimmed.contains(" from "))
                || trimmed.hasPrefix("export{") || trimmed.hasPrefix("import {")
        }
    }
}

/// The local interpreters, asked once per process: their version (`Python 3.11.7`,
/// `v20.20.2`) for `fn show`, and the real executable behind the command. Version managers
/// such as pyenv put a shell script named `python3` on PATH that costs tens of milliseconds per
/// start; launching the interpreter it points at keeps cold starts honest.
package enum LocalInterpreter {
    private static let cache = InterpreterCache()

    package static func version(of runtime: FunctionRuntime) -> String? {
        cache.info(runtime.family)?.version
    }

    /// The interpreter binary that runs this runtime's functions, or nil if it is not installed.
    package static func executable(for runtime: FunctionRuntime) -> String? {
        cache.info(runtime.family)?.path
    }
}

private final class InterpreterCache: @unchecked Sendable {
    // @unchecked: `known` is only touched with `lock` held.
    struct Info {
        var path: String
        var version: String
    }

    private let lock = NSLock()
    private var known: [FunctionRuntime.Family: Info?] = [:]

    func info(_ family: FunctionRuntime.Family) -> Info? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = known[family] { return cached }
        let found = Self.ask(family)
        known[family] = found
        return found
    }

    private static func ask(_ family: FunctionRuntime.Family) -> Info? {
        let command = family == .python ? "python3" : "node"
        let script = family == .python
            ? ["-c", "import sys; print(sys.executable); print('Python ' + sys.version.split()[0])"]
            : ["-e", "console.log(process.execPath); console.log(process.version)"]
        guard let path = ChildProcess.resolveExecutable(command, path: ProcessInfo.processInfo.environment["PATH"]) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = script
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard process.terminationStatus == 0, lines.count >= 2, lines[0].hasPrefix("/") else {
            return Info(path: path, version: "unknown version")
        }
        return Info(path: lines[0], version: lines[1])
    }
}
