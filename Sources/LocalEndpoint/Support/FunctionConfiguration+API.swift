import Foundation
import LambdaModel
import MiniLambda
import TutorSupport

/// A function's settings as the Lambda API's `FunctionConfiguration` shape.
///
/// Simplifications, labelled where they show: there is no IAM here, so `Role` is the tutor
/// account's one role; `CodeSha256` and `CodeSize` are the zip's when the files came in one
/// through the API and are unchanged since, else over the function's files as they are in its
/// code folder (code written with `fn edit` never was a zip).
enum FunctionShape {
    static let role = "arn:aws:iam::\(LambdaIdentity.accountID):role/lambda-tutor"

    static func configuration(_ configuration: FunctionConfiguration, code: CodeSummary, version: String = "$LATEST",
                              layers: [(arn: String, codeSize: Int)] = []) -> [String: Any] {
        var shape: [String: Any] = [
            "FunctionName": configuration.functionName,
            "FunctionArn": configuration.functionArn(qualifier: version == "$LATEST" ? nil : version),
            "Runtime": configuration.runtime.identifier,
            "Role": role,
            "Handler": configuration.handler,
            "CodeSize": code.size,
            "CodeSha256": code.sha256,
            "Description": configuration.description,
            "Timeout": configuration.timeout,
            "MemorySize": configuration.memorySize,
            "LastModified": configuration.lastModified,
            "Version": version,
            "TracingConfig": ["Mode": "PassThrough"],
            "RevisionId": revisionID(configuration),
            "State": "Active",
            "LastUpdateStatus": "Successful",
            "PackageType": "Zip",
            "Architectures": ["x86_64"],
            "EphemeralStorage": ["Size": configuration.ephemeralStorageMB],
        ]
        if !layers.isEmpty { shape["Layers"] = layers.map { ["Arn": $0.arn, "CodeSize": $0.codeSize] } }
        if !configuration.environment.isEmpty { shape["Environment"] = ["Variables": configuration.environment] }
        var logging: [String: Any] = ["LogFormat": configuration.logging.logFormat.rawValue, "LogGroup": configuration.logGroupName]
        if configuration.logging.logFormat == .json {
            logging["ApplicationLogLevel"] = configuration.logging.effectiveApplicationLevel ?? "INFO"
            logging["SystemLogLevel"] = configuration.logging.effectiveSystemLevel
        }
        shape["LoggingConfig"] = logging
        return shape
    }

    /// A UUID-shaped id that changes with every revision of the function's settings or code.
    static func revisionID(_ configuration: FunctionConfiguration) -> String {
        let bytes = SHA256.digest(Data("\(configuration.functionName)#\(configuration.revision)#\(configuration.lastModified)".utf8))
        let hex = Hex.lowercase(bytes.prefix(16))
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}

/// `CodeSize` and `CodeSha256` of a code folder: the files' sizes summed, and SHA-256 (base64)
/// over each file's relative path and contents in path order.
struct CodeSummary: Sendable {
    var size: Int
    var sha256: String

    /// Over the files under `folder` (a function's `code/`, or a published version's).
    /// Only regular files are read (never through a link, never a FIFO that would block).
    static func of(folder: URL) -> CodeSummary {
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: folder.path) {
            while let path = walker.nextObject() as? String {
                var info = stat()
                if lstat(folder.appendingPathComponent(path).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                    files.append(path)
                }
            }
        }
        var hasher = SHA256()
        var size = 0
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else { continue }
            hasher.update(Array(file.utf8) + [0])
            hasher.update(data)
            size += data.count
        }
        return CodeSummary(size: size, sha256: Data(hasher.finish()).base64EncodedString())
    }
}

/// What a folder holds, by metadata alone: the regular files' total size, and the first entry
/// that is not a file, folder or link (a FIFO, socket or device), which no zip can hold.
struct FolderContents: Sendable {
    var size = 0
    var special: String?

    static func of(_ folder: URL) -> FolderContents {
        var contents = FolderContents()
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return contents }
        while let path = walker.nextObject() as? String {
            var info = stat()
            guard lstat(folder.appendingPathComponent(path).path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: contents.size += Int(info.st_size)
            case S_IFDIR, S_IFLNK: break
            default:
                contents.special = folder.appendingPathComponent(path).path
                return contents
            }
        }
        return contents
    }
}
