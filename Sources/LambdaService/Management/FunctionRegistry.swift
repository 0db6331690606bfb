import Foundation
import MiniLambda
import TutorSupport

/// The learner's functions, kept between sessions in the data folder:
/// `functions/NAME/function.json` (settings) and `functions/NAME/code/` (source files).
///
/// The library side of `fn new / edit / config / show / list / rm`; every write goes through
/// ``AtomicFile``. Every path is built by ``folder(_:)``, which takes only a valid function
/// name (``FunctionConfiguration/validateName(_:)``, AWS's rule): `../x` never becomes a path,
/// whichever command, lesson or API call it came from.
package struct FunctionRegistry: Sendable {
    package let root: URL
    /// Where `LastModified`, a layer version's `CreatedDate` and other dates the registry
    /// writes come from (a ``ManualWallClock`` in tests, so they can be checked exactly).
    package let clock: any WallClock

    /// `root` as a file system path, made once: the checks every invocation makes (does the
    /// function exist, has its settings file changed) build their paths as text, since building
    /// `URL`s took longer than the `stat` they were for (BENCHMARKS.md, issue 15).
    private let rootPath: String

    package init(root: URL, clock: any WallClock = SystemWallClock()) {
        self.root = root
        self.clock = clock
        rootPath = root.path
    }

    package init(dataHome: DataHome, clock: any WallClock = SystemWallClock()) {
        self.init(root: dataHome.functionsFolder, clock: clock)
    }

    /// Folders no function may see: the data folder the functions live in, and the functions'.
    package var privatePaths: [URL] { [root.deletingLastPathComponent(), root] }

    /// The function's folder: the one place a name becomes a path, after the name is checked.
    func folder(_ name: String) throws(MiniLambdaError) -> URL {
        try FunctionConfiguration.validateName(name)
        return root.appendingPathComponent(name, isDirectory: true)
    }

    func configurationFile(_ name: String) throws(MiniLambdaError) -> URL { try folder(name).appendingPathComponent("function.json") }

    /// ``configurationFile(_:)`` as a path, for the per-invocation checks; the name is checked the same way.
    private func configurationPath(_ name: String) throws(MiniLambdaError) -> String {
        try FunctionConfiguration.validateName(name)
        return rootPath + "/" + name + "/function.json"
    }

    package func codeDirectory(_ name: String) throws(MiniLambdaError) -> URL { try folder(name).appendingPathComponent("code", isDirectory: true) }

    /// A file in the function's code folder (`fn edit NAME FILE`): a relative path that stays
    /// inside it, or an error.
    package func codeFile(_ name: String, _ relative: String) throws(MiniLambdaError) -> URL {
        let code = try codeDirectory(name)
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
            throw MiniLambdaError(.invalidParameter, "'\(relative)' must be a path inside the function's code folder")
        }
        return code.appendingPathComponent(parts.joined(separator: "/"))
    }

    /// Names of all functions, sorted (folders whose name is not a valid function name are
    /// not functions, whatever they hold).
    package func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { exists($0) }.sorted()
    }

    /// All functions whose settings can be read, sorted by name; unreadable ones are reported.
    package func list() -> (functions: [FunctionConfiguration], problems: [String]) {
        var functions: [FunctionConfiguration] = []
        var problems: [String] = []
        for name in names() {
            do {
                functions.append(try configuration(name))
            } catch {
                problems.append(error.message)
            }
        }
        return (functions, problems)
    }

    package func exists(_ name: String) -> Bool {
        var info = stat()
        guard let path = try? configurationPath(name) else { return false }
        return stat(path, &info) == 0
    }

    /// The settings of `name`, or `ResourceNotFoundException` with a "did you mean".
    package func configuration(_ name: String) throws(MiniLambdaError) -> FunctionConfiguration {
        let url = try configurationFile(name)
        guard exists(name) else { throw notFound(name) }
        do {
            let data = try Data(contentsOf: url)
            return try JSONDecoder().decode(FunctionConfiguration.self, from: data)
        } catch {
            throw MiniLambdaError(.system, "\(url.path): cannot read the function's settings (\(error.localizedDescription)); fix or delete the file")
        }
    }

    /// Identifies the current version of `function.json` (inode, size, modification time), so
    /// callers can cache the decoded settings and notice any write (saves go through a rename).
    package func configurationStamp(_ name: String) -> [Int]? {
        var info = stat()
        guard let path = try? configurationPath(name), lstat(path, &info) == 0 else { return nil }
        return [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
    }

    package func package(_ name: String) throws(MiniLambdaError) -> FunctionPackage {
        let configuration = try configuration(name)
        return FunctionPackage(configuration: configuration, codeDirectory: try codeDirectory(name),
                               layerDirectories: LayerStore(functions: self).contentFolders(configuration.layerArns))
    }

    /// `fn new NAME [--runtime R] [--template T] [--from PATH]`: creates the function with a
    /// template's code, or with a copy of a file or folder.
    ///
    /// The function is built in a hidden folder beside (`.NAME.new-PID-N`) and renamed into
    /// place when complete, so a tutor killed midway never leaves a half-made function (the
    /// tutor removes such leftovers of its own at start). Only where the function's folder
    /// already exists without settings (its backups survived a removal) is it filled in place.
    @discardableResult
    package func create(name: String, runtime: FunctionRuntime = .python, template: FunctionTemplate.Kind = .hello,
                       from source: URL? = nil, handler: String? = nil) throws(MiniLambdaError) -> FunctionConfiguration {
        try FunctionConfiguration.validateName(name)
        guard !exists(name) else {
            throw MiniLambdaError(.functionExists, "Function already exist: \(name)")
        }
        var configuration = FunctionConfiguration(functionName: name, runtime: runtime, handler: handler, lastModified: clock.now())
        let final = try folder(name)
        let inPlace = FileManager.default.fileExists(atPath: final.path)
        let building = inPlace ? final : root.appendingPathComponent(".\(name).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
        let code = building.appendingPathComponent("code", isDirectory: true)
        // What a failed create may remove: only the folders it made itself.
        let madeCode = !FileManager.default.fileExists(atPath: code.path)
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.createDirectory(at: code, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw MiniLambdaError(.system, "cannot create \(code.path): \(error.localizedDescription)")
        }
        do {
            if let source {
                let isDirectory = (try? source.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
                if isDirectory {
                    for item in try FileManager.default.contentsOfDirectory(at: source, includingPropertiesForKeys: nil) {
                        try FileManager.default.copyItem(at: item, to: code.appendingPathComponent(item.lastPathComponent))
                    }
                } else {
                    let data = try Data(contentsOf: source)
                    try AtomicFile.write(data, to: code.appendingPathComponent(source.lastPathComponent))
                    if handler == nil {
                        // `fn new x --from app.py` runs app.lambda_handler / app.handler.
                        let module = source.deletingPathExtension().lastPathComponent
                        let function = runtime.family == .python ? "lambda_handler" : "handler"
                        configuration.handler = "\(module).\(function)"
                    }
                }
            } else {
                let file = FunctionTemplate.source(template, runtime: runtime)
                try AtomicFile.write(file.contents, to: code.appendingPathComponent(file.name))
                if handler == nil { configuration.handler = file.handler }
            }
            try configuration.validate()
            try write(configuration, to: building.appendingPathComponent("function.json"))
            if !inPlace {
                guard rename(building.path, final.path) == 0 else {
                    throw MiniLambdaError(.system, "cannot create function \(name): \(String(cString: strerror(errno)))")
                }
                AtomicFile.syncDirectory(root.path)
            }
        } catch {
            if !inPlace {
                try? FileManager.default.removeItem(at: building)
            } else if madeCode {
                try? FileManager.default.removeItem(at: code)
            }
            if let error = error as? MiniLambdaError { throw error }
            throw MiniLambdaError(.system, "cannot create function \(name): \(error)")
        }
        return configuration
    }

    /// Applies a change to the settings of `function.json`, validates and saves it; returns the
    /// new settings. (Reserved concurrency is the service's: ``LambdaService/updateFunctionConfiguration(_:_:)``.)
    @discardableResult
    package func configure(_ name: String, _ update: ConfigurationUpdate) throws(MiniLambdaError) -> FunctionConfiguration {
        let updated = try update.applied(to: try configuration(name), at: clock.now())
        try save(updated)
        return updated
    }

    /// `key=value` settings as `fn config` takes them (tests, lessons' `load` blocks).
    @discardableResult
    package func configure(_ name: String, settings: [String]) throws(MiniLambdaError) -> FunctionConfiguration {
        let updated = try configuration(name).applying(settings, at: clock.now())
        try save(updated)
        return updated
    }

    package func save(_ configuration: FunctionConfiguration) throws(MiniLambdaError) {
        try write(configuration, to: try configurationFile(configuration.functionName))
    }

    /// Writes settings atomically to `file` (the function's own, or one being built).
    private func write(_ configuration: FunctionConfiguration, to file: URL) throws(MiniLambdaError) {
        do {
            try AtomicFile.write(try Self.encoder.encode(configuration), to: file)
        } catch let error as FileError {
            throw MiniLambdaError(.system, error.message)
        } catch {
            throw MiniLambdaError(.system, "cannot save \(configuration.functionName): \(error)")
        }
    }

    /// Writes one code file (multi-line entry at the prompt, `load` from a lesson) and, as
    /// UpdateFunctionCode does, moves `LastModified` and the revision on.
    package func writeCode(_ name: String, file: String, contents: String) throws(MiniLambdaError) {
        let target = try codeFile(name, file)
        guard exists(name) else { throw notFound(name) }
        do {
            try AtomicFile.write(contents, to: target)
        } catch {
            throw MiniLambdaError(.system, error.message)
        }
        try codeChanged(name)
    }

    /// Records that the function's code changed outside ``writeCode(_:file:contents:)`` (an
    /// editor saved a file): `LastModified` and the revision move on, as on AWS after an update.
    package func codeChanged(_ name: String) throws(MiniLambdaError) {
        var configuration = try configuration(name)
        configuration.lastModified = FunctionConfiguration.timestamp(clock.now())
        configuration.revision += 1
        try save(configuration)
    }

    /// The file the handler setting points at (what `fn edit` opens), existing or not.
    package func handlerFile(_ name: String) throws(MiniLambdaError) -> URL {
        let configuration = try configuration(name)
        let code = try codeDirectory(name)
        let candidates = configuration.runtime.handlerFileCandidates(configuration.handler)
        for candidate in candidates where FileManager.default.fileExists(atPath: code.appendingPathComponent(candidate).path) {
            return code.appendingPathComponent(candidate)
        }
        return code.appendingPathComponent(candidates.first ?? configuration.runtime.defaultHandlerFile)
    }

    /// The function's code files, relative to its code folder.
    package func codeFiles(_ name: String) -> [String] {
        guard let code = try? codeDirectory(name) else { return [] }
        return Self.files(under: code)
    }

    /// `fn rm NAME`: removes what the tutor made for the function, `function.json`, the
    /// `code` folder, the published `versions` and `service.json`, and then the function's folder if nothing else is in it. A link in place
    /// of either is removed as a link (what it points to is never touched); anything else found
    /// in the folder is left where it is, and the message says so.
    package func remove(_ name: String) throws(MiniLambdaError) {
        let folder = try folder(name)
        guard exists(name) else { throw notFound(name) }
        var info = stat()
        guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw MiniLambdaError(.system, "\(folder.path) is not a folder the tutor made (a link or a file is there); remove it yourself if you mean to")
        }
        do {
            let code = try codeDirectory(name)
            if lstat(code.path, &info) == 0 {
                // A link is unlinked, never followed.
                if info.st_mode & S_IFMT == S_IFLNK { unlink(code.path) } else { try FileManager.default.removeItem(at: code) }
            }
            // The service's own files: published versions and versions/aliases/concurrency.
            let versions = try versionsFolder(name)
            if lstat(versions.path, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFLNK { unlink(versions.path) } else { try FileManager.default.removeItem(at: versions) }
            }
            let state = try stateFile(name)
            if lstat(state.path, &info) == 0 { unlink(state.path) }
            try FileManager.default.removeItem(at: try configurationFile(name))
        } catch let error as MiniLambdaError {
            throw error
        } catch {
            throw MiniLambdaError(.system, "cannot remove \(name) in \(folder.path): \(error.localizedDescription)")
        }
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        guard others.isEmpty else {
            throw MiniLambdaError(.system, "removed \(name), but left \(folder.path) in place: it holds files the tutor did not make (\(others.joined(separator: ", ")))")
        }
        rmdir(folder.path)
    }

    func notFound(_ name: String) -> MiniLambdaError {
        var message = "Function not found: \(FunctionConfiguration.functionArn(name))"
        guard let suggestion = Suggestions.didYouMean(name, in: names()) else {
            return MiniLambdaError(.functionNotFound, message,
                                   hint: "create it with 'fn new NAME', or 'load NAME' in a lesson step with handler code; 'fn list' shows yours")
        }
        message += " (\(suggestion))"
        return MiniLambdaError(.functionNotFound, message)
    }
}
