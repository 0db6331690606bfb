import Foundation
import MiniLambda
import TutorSupport

/// Published versions on disk: `functions/NAME/versions/N/function.json` and `code/`, frozen
/// copies of `$LATEST` at the time of PublishVersion.
extension FunctionRegistry {
    /// PublishVersion: copies `$LATEST`'s settings and code into the next version's folder
    /// (a temporary folder renamed into place, so a version is never half there). When nothing
    /// changed since the last published version, that version is returned, as AWS does.
    func publish(_ name: String, description: String?) throws(MiniLambdaError) -> (number: Int, configuration: FunctionConfiguration, created: Bool) {
        let latest = try configuration(name)
        var state = try state(name)
        if let last = state.versions.last, let published = try? versionConfiguration(name, last),
           Self.sameSettings(published, latest), try sameCode(name, version: last) {
            return (last, published, false)
        }
        let number = state.lastVersion + 1
        let versions = try versionsFolder(name)
        let target = try versionFolder(name, number)
        let staging = versions.appendingPathComponent(FunctionStaging.publishingName(number), isDirectory: true)
        var frozen = latest
        frozen.description = description ?? latest.description
        // A folder of this number that the state does not list is what a publish interrupted
        // before it could record the version left behind: never a version, so it goes.
        var info = stat()
        if lstat(target.path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { try? FileManager.default.removeItem(at: target) } else { unlink(target.path) }
        }
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.copyItem(at: try codeDirectory(name), to: staging.appendingPathComponent("code", isDirectory: true))
            try AtomicFile.write(try Self.encoder.encode(frozen), to: staging.appendingPathComponent("function.json"))
            guard rename(staging.path, target.path) == 0 else {
                throw MiniLambdaError(.system, "cannot publish version \(number) of \(name): \(String(cString: strerror(errno))) (\(target.path))")
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? MiniLambdaError { throw error }
            throw MiniLambdaError(.system, "cannot publish version \(number) of \(name): \(error.localizedDescription)")
        }
        state.lastVersion = number
        state.versions.append(number)
        if let description { state.versionDescriptions[String(number)] = description }
        try saveState(state, name)
        return (number, frozen, true)
    }

    /// The frozen settings of version `number`.
    func versionConfiguration(_ name: String, _ number: Int) throws(MiniLambdaError) -> FunctionConfiguration {
        let file = try versionFolder(name, number).appendingPathComponent("function.json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw MiniLambdaError(.functionNotFound, "Function not found: \(FunctionConfiguration.functionArn(name, qualifier: String(number)))")
        }
        do {
            return try JSONDecoder().decode(FunctionConfiguration.self, from: Data(contentsOf: file))
        } catch {
            throw MiniLambdaError(.system, "\(file.path): cannot read version \(number)'s settings (\(error.localizedDescription))")
        }
    }

    /// What version `number` runs: its frozen settings and code.
    func versionPackage(_ name: String, _ number: Int) throws(MiniLambdaError) -> FunctionPackage {
        let configuration = try versionConfiguration(name, number)
        return FunctionPackage(configuration: configuration,
                               codeDirectory: try versionFolder(name, number).appendingPathComponent("code", isDirectory: true),
                               version: String(number), layerDirectories: LayerStore(functions: self).contentFolders(configuration.layerArns))
    }

    /// Settings equal but for what an update moves on by itself.
    static func sameSettings(_ a: FunctionConfiguration, _ b: FunctionConfiguration) -> Bool {
        var a = a, b = b
        a.revision = 0; b.revision = 0
        a.lastModified = ""; b.lastModified = ""
        a.description = ""; b.description = ""
        return a == b
    }

    /// Whether `$LATEST`'s code files are byte for byte those of version `number`.
    func sameCode(_ name: String, version number: Int) throws(MiniLambdaError) -> Bool {
        let latest = try codeDirectory(name)
        let frozen = try versionFolder(name, number).appendingPathComponent("code", isDirectory: true)
        let files = codeFiles(name)
        guard files == Self.files(under: frozen) else { return false }
        return files.allSatisfy { file in
            FileManager.default.contentsEqual(atPath: latest.appendingPathComponent(file).path, andPath: frozen.appendingPathComponent(file).path)
        }
    }

    /// The files below `folder`, relative to it, sorted.
    static func files(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// How the registry writes its JSON files: stable key order, readable.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// UpdateFunctionCode: the code folder's files are replaced by a copy of `source` (a file
    /// or a folder's contents), staged beside it and swapped in by renames.
    func replaceCode(_ name: String, from source: URL) throws(MiniLambdaError) {
        let code = try codeDirectory(name)
        guard exists(name) else { throw notFound(name) }
        let staging = code.deletingLastPathComponent().appendingPathComponent(FunctionStaging.newCodeName(), isDirectory: true)
        let old = code.deletingLastPathComponent().appendingPathComponent(FunctionStaging.oldCodeName(), isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let isDirectory = (try? source.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            let items = isDirectory ? try FileManager.default.contentsOfDirectory(at: source, includingPropertiesForKeys: nil) : [source]
            for item in items {
                try FileManager.default.copyItem(at: item, to: staging.appendingPathComponent(item.lastPathComponent))
            }
            guard rename(code.path, old.path) == 0 else { throw MiniLambdaError(.system, "cannot move \(code.path) aside: \(String(cString: strerror(errno)))") }
            guard rename(staging.path, code.path) == 0 else {
                rename(old.path, code.path)
                throw MiniLambdaError(.system, "cannot put the new code in place at \(code.path): \(String(cString: strerror(errno)))")
            }
            try? FileManager.default.removeItem(at: old)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? MiniLambdaError { throw error }
            throw MiniLambdaError(.system, "cannot update the code of \(name): \(error.localizedDescription)")
        }
        try codeChanged(name)
    }
}
