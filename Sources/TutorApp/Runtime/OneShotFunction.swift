import Curriculum
import Foundation
import Synchronization
import LambdaModel
import LambdaEvents
import LambdaService
import LineEditor
import LocalEndpoint
import MiniLambda
import TerminalUI
import TutorSupport

/// `invoke --handler app.py:lambda_handler`: a function made on the spot from a file and the
/// folder it is in (or `--code DIR`), deployed whole as a .zip of that folder would be.
enum OneShotFunction {
    /// `keepOut`: the tutor's own folders (the data folder, the environments' scratch root),
    /// which no deployed code folder may hold: they would be copied into the environment, the
    /// learner's answers and other functions with them, and the scratch root into itself.
    static func package(handler: String, runtime identifier: String?, code: String? = nil, workingDirectory: String,
                        keepOut: [URL] = []) throws -> FunctionPackage {
        guard let colon = handler.lastIndex(of: ":"), colon != handler.startIndex, handler.index(after: colon) != handler.endIndex else {
            throw CommandError("--handler takes FILE:FUNCTION, for example app.py:lambda_handler")
        }
        let path = String(handler[..<colon])
        let function = String(handler[handler.index(after: colon)...])
        let base = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        let file = URL(fileURLWithPath: (path as NSString).expandingTildeInPath, relativeTo: base).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: file.path) else {
            throw CommandError("--handler: cannot read \(file.path)")
        }
        let folder = code.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath, relativeTo: base).standardizedFileURL.resolvingSymlinksInPath() }
            ?? file.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandError("--code: \(folder.path) is not a folder")
        }
        guard file.path.hasPrefix(folder.path.hasSuffix("/") ? folder.path : folder.path + "/") else {
            throw CommandError("--handler: \(file.path) is not inside the code folder \(folder.path)",
                               hint: "give --code the folder that holds the handler file (the root of what a .zip would hold)")
        }
        let inside = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        for kept in keepOut {
            let path = kept.standardizedFileURL.resolvingSymlinksInPath().path
            guard path == folder.path || path.hasPrefix(inside) else { continue }
            throw CommandError("--handler: the code folder \(folder.path) holds the tutor's own folder \(path), which would be deployed with the handler",
                               hint: "put the handler in a folder of its own, or name one with --code DIR")
        }
        try checkSize(folder)
        let runtime: FunctionRuntime
        if let identifier {
            runtime = try FunctionRuntime.named(identifier)
        } else {
            switch file.pathExtension {
            case "py": runtime = .python
            case "js", "mjs", "cjs": runtime = .node
            default: throw CommandError("cannot tell the runtime of \(file.lastPathComponent)", hint: "add --runtime python3.12 or --runtime nodejs22.x")
            }
        }
        // The handler names the file relative to the code folder, as in a .zip: `src/app.handler`.
        let relative = String(file.deletingPathExtension().path.dropFirst(folder.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let module = file.deletingPathExtension().lastPathComponent
        var name = String(module.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "-" })
        if name.isEmpty { name = "one-shot" }
        let configuration = FunctionConfiguration(functionName: String(name.prefix(Limits.functionNameMaxLength)), runtime: runtime,
                                                  handler: "\(relative).\(function)", lastModified: Date())
        return FunctionPackage(configuration: configuration, codeDirectory: folder)
    }

    /// A folder larger than Lambda's unzipped limit could not be deployed there either; the
    /// walk stops as soon as it is over.
    static func checkSize(_ folder: URL) throws {
        let limit = Int64(Facts.unzippedMax.int) * 1_048_576
        var total: Int64 = 0
        let keys: [URLResourceKey] = [.fileSizeKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return }
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            total += Int64(values.fileSize ?? 0)
            if total > limit {
                throw CommandError("--handler: \(folder.path) holds more than \(Facts.unzippedMax.display) (Lambda's limit for unzipped code), and all of it would be deployed",
                                   hint: "put the handler in a folder of its own, or name a smaller one with --code DIR")
            }
        }
    }
}
