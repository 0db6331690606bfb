import Foundation
import LambdaModel
import MiniLambda
import TutorSupport

/// One published layer version, with the Lambda API's keys (`PublishLayerVersionResponse`,
/// `GetLayerVersionResponse`, `LayerVersionsListItem`). Immutable once written, as on AWS.
package struct LayerVersion: Sendable, Hashable, Codable {
    package var layerName: String
    package var version: Int
    package var description: String
    /// ISO 8601 as Lambda writes `CreatedDate` (`2026-12-02T12:00:00.000+0000`).
    package var createdDate: String
    package var compatibleRuntimes: [String]
    package var compatibleArchitectures: [String]
    package var licenseInfo: String?
    /// The unzipped size (the files' sizes summed: what counts toward the 250 MB) and
    /// `Content.CodeSha256`, SHA-256 (base64) of the zip bytes published, as AWS computes it
    /// (LocalEndpoint's ``LayerPackage`` hashes; a folder published from the REPL is hashed
    /// over its files, and `layer list` says so).
    package var codeSize: Int
    package var codeSha256: String

    package var layerArn: String { LayerStore.layerArn(layerName) }
    package var layerVersionArn: String { "\(layerArn):\(version)" }

    enum CodingKeys: String, CodingKey {
        case layerName = "LayerName", version = "Version", description = "Description", createdDate = "CreatedDate"
        case compatibleRuntimes = "CompatibleRuntimes", compatibleArchitectures = "CompatibleArchitectures"
        case licenseInfo = "LicenseInfo", codeSize = "CodeSize", codeSha256 = "CodeSha256"
    }
}

/// What a function's layers are on disk: the versions in order, their content folders and
/// their unzipped size.
package struct ResolvedLayers: Sendable {
    package var versions: [LayerVersion]
    package var folders: [URL]
    package var unzippedBytes: Int
}

/// The account's layers, kept in the data folder beside the functions:
/// `layers/NAME/layer.json` (the last version number ever used: numbers are never reused, even
/// after a delete) and `layers/NAME/N/{version.json, content/}`. The content folder is what
/// the environment shows read-only at `/opt`.
///
/// Every path is built by ``folder(_:)``, which takes only a name matching AWS's `LayerName`
/// pattern, so no request or command can make it point elsewhere.
package struct LayerStore: Sendable {
    package let root: URL
    /// Where a new version's `CreatedDate` comes from (the registry's clock).
    let clock: any WallClock

    package init(root: URL, clock: any WallClock = SystemWallClock()) {
        self.root = root
        self.clock = clock
    }

    /// Beside the functions' folder (`…/lambda-tutor/layers`), on the functions' clock.
    package init(functions: FunctionRegistry) {
        self.init(root: functions.root.deletingLastPathComponent().appendingPathComponent("layers", isDirectory: true), clock: functions.clock)
    }

    static let nameMaxLength = 140
    /// How many taken version folders a publish steps over before it gives up.
    static let numberAttempts = 100

    package static func layerArn(_ name: String) -> String {
        "arn:aws:lambda:\(LambdaIdentity.region):\(LambdaIdentity.accountID):layer:\(name)"
    }

    /// A `LayerName` as AWS takes it: a name, or the layer's ARN (this account and Region).
    package static func name(from raw: String) throws(LambdaServiceError) -> String {
        let prefix = layerArn("")
        var name = raw
        if raw.hasPrefix("arn:") {
            guard raw.hasPrefix(prefix) else {
                throw .invalid("1 validation error detected: Value '\(raw)' at 'layerName' failed to satisfy constraint: the layer must be this account's (\(LambdaIdentity.accountID)) in \(LambdaIdentity.region)")
            }
            name = String(raw.dropFirst(prefix.count))
        }
        guard !name.isEmpty, raw.count <= nameMaxLength,
              name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
            throw .invalid("1 validation error detected: Value '\(raw)' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+")
        }
        return name
    }

    /// A `LayerVersionArn` (`arn:aws:lambda:…:layer:NAME:N`) or, for the REPL, `NAME:N`.
    package static func reference(_ raw: String) throws(LambdaServiceError) -> (name: String, version: Int) {
        guard let colon = raw.lastIndex(of: ":"), let version = Int(raw[raw.index(after: colon)...]), version >= 1 else {
            throw .invalid("1 validation error detected: Value '[\(raw)]' at 'layers' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 140, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+, Member must not be null]")
        }
        return (try name(from: String(raw[..<colon])), version)
    }

    func folder(_ name: String) throws(LambdaServiceError) -> URL {
        root.appendingPathComponent(try Self.name(from: name), isDirectory: true)
    }

    func versionFolder(_ name: String, _ version: Int) throws(LambdaServiceError) -> URL {
        try folder(name).appendingPathComponent(String(version), isDirectory: true)
    }

    /// The folder a version's files are in (shown at /opt).
    package func contentFolder(_ name: String, _ version: Int) throws(LambdaServiceError) -> URL {
        try versionFolder(name, version).appendingPathComponent("content", isDirectory: true)
    }

    private struct LayerRecord: Codable { var latestVersion: Int }

    /// PublishLayerVersion: copies `content` (a folder, as a zip extracts) as the next version.
    /// Built in a hidden folder and renamed into place, so a half-copied version never shows.
    package func publish(name raw: String, content: URL, description: String, compatibleRuntimes: [String],
                        compatibleArchitectures: [String], licenseInfo: String?, codeSha256: String) throws(LambdaServiceError) -> LayerVersion {
        let name = try Self.name(from: raw)
        let layer = try folder(name)
        let recordFile = layer.appendingPathComponent("layer.json")
        let previous = (try? JSONDecoder().decode(LayerRecord.self, from: Data(contentsOf: recordFile)))?.latestVersion ?? 0
        let number = previous + 1
        let final = layer.appendingPathComponent(String(number), isDirectory: true)
        let building = layer.appendingPathComponent(".\(number).new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: layer, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try manager.createDirectory(at: building, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let files = building.appendingPathComponent("content", isDirectory: true)
            try manager.createDirectory(at: files, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            for item in try manager.contentsOfDirectory(at: content, includingPropertiesForKeys: nil) {
                try manager.copyItem(at: item, to: files.appendingPathComponent(item.lastPathComponent))
            }
            let version = LayerVersion(layerName: name, version: number, description: description,
                                       createdDate: FunctionConfiguration.timestamp(clock.now()), compatibleRuntimes: compatibleRuntimes,
                                       compatibleArchitectures: compatibleArchitectures, licenseInfo: licenseInfo,
                                       codeSize: FolderSummary.size(files), codeSha256: codeSha256)
            // Another publish of this layer (a second tutor on the folder, a concurrent request)
            // or one killed before it recorded its number may hold the folder of this number:
            // take the next free one, as AWS gives each publish its own version.
            var published = version
            var target = final
            while true {
                try AtomicFile.write(try Self.encoder.encode(published), to: building.appendingPathComponent("version.json"))
                if rename(building.path, target.path) == 0 { break }
                guard errno == ENOTEMPTY || errno == EEXIST, published.version < number + Self.numberAttempts else {
                    throw LambdaServiceError(.service, "cannot publish \(name) version \(published.version): \(String(cString: strerror(errno)))")
                }
                published.version += 1
                target = layer.appendingPathComponent(String(published.version), isDirectory: true)
            }
            // Never lower the record: a later publish may have written a higher number meanwhile.
            let recorded = (try? JSONDecoder().decode(LayerRecord.self, from: Data(contentsOf: recordFile)))?.latestVersion ?? 0
            try AtomicFile.write(try Self.encoder.encode(LayerRecord(latestVersion: max(recorded, published.version))), to: recordFile)
            return published
        } catch let error as LambdaServiceError {
            try? manager.removeItem(at: building)
            throw error
        } catch {
            try? manager.removeItem(at: building)
            throw LambdaServiceError(.service, "cannot publish layer \(name): \(error.localizedDescription)")
        }
    }

    /// GetLayerVersion, or AWS's not-found.
    package func version(_ raw: String, _ number: Int) throws(LambdaServiceError) -> LayerVersion {
        let name = try Self.name(from: raw)
        let file = try versionFolder(name, number).appendingPathComponent("version.json")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .notFound("The resource you requested does not exist. (layer version \(Self.layerArn(name)):\(number))")
        }
        do {
            return try JSONDecoder().decode(LayerVersion.self, from: data)
        } catch {
            throw LambdaServiceError(.service, "\(file.path): cannot read the layer version (\(error.localizedDescription))")
        }
    }

    /// The names of layers with at least one version, sorted.
    package func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { (try? Self.name(from: $0)) != nil && !versions($0).isEmpty }.sorted()
    }

    /// ListLayerVersions: newest first, as AWS lists them.
    package func versions(_ raw: String) -> [LayerVersion] {
        guard let layer = try? folder(raw), let entries = try? FileManager.default.contentsOfDirectory(atPath: layer.path) else { return [] }
        return entries.compactMap(Int.init).sorted(by: >).compactMap { try? version(raw, $0) }
    }

    /// DeleteLayerVersion: the version can no longer be seen or added to a function (its
    /// `version.json` goes at once). Its files stay only while a function still uses it, as on
    /// AWS, which removes its copy once no function refers to it: ``sweep(keeping:)`` removes
    /// them then. Deleting a version that does not exist succeeds, as on AWS.
    package func delete(_ raw: String, _ number: Int) throws(LambdaServiceError) {
        let file = try versionFolder(raw, number).appendingPathComponent("version.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        guard unlink(file.path) == 0 else {
            throw LambdaServiceError(.service, "cannot delete \(file.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the files of every deleted version (a `layers/NAME/N/` folder without its
    /// `version.json`) whose ARN is not in `inUse`; returns the ARNs removed. Only what the tutor
    /// made is touched: a layer folder with a valid name, a version folder named by a number,
    /// each a real folder (never a link) of this user's. The version folder is first renamed
    /// to a hidden name, so it is gone at once, then removed without following any link in it.
    @discardableResult
    package func sweep(keeping inUse: Set<String>) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: root.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let layer = try? folder(name), Self.ownFolder(layer), let entries = try? manager.contentsOfDirectory(atPath: layer.path) else { continue }
            for entry in entries {
                guard let number = Int(entry), String(number) == entry, number > 0 else { continue }
                let arn = "\(Self.layerArn(name)):\(number)"
                let version = layer.appendingPathComponent(entry, isDirectory: true)
                guard !inUse.contains(arn), Self.ownFolder(version),
                      !manager.fileExists(atPath: version.appendingPathComponent("version.json").path) else { continue }
                let doomed = layer.appendingPathComponent(".\(number).deleted-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
                guard rename(version.path, doomed.path) == 0 else { continue }
                // removeItem walks the tree physically: a link inside is removed, never followed.
                try? manager.removeItem(at: doomed)
                removed.append(arn)
            }
        }
        return removed
    }

    /// A real folder (not a link) owned by this user.
    static func ownFolder(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR && info.st_uid == geteuid()
    }

    /// The content folders of a function's layer ARNs that are still on disk, in order.
    package func contentFolders(_ arns: [String]) -> [URL] {
        arns.compactMap { arn in
            guard let (name, number) = try? Self.reference(arn), let folder = try? contentFolder(name, number),
                  FileManager.default.fileExists(atPath: folder.path) else { return nil }
            return folder
        }
    }

    /// The layers of a function's `Layers` setting, checked as UpdateFunctionConfiguration does:
    /// at most ``Limits/layersPerFunction``, no layer twice, each version existing, the total
    /// unzipped size within the limit together with the code (`codeBytes`).
    package func resolve(_ arns: [String], codeBytes: Int) throws(LambdaServiceError) -> ResolvedLayers {
        guard arns.count <= Limits.layersPerFunction else {
            throw .invalid("1 validation error detected: Value '[\(arns.joined(separator: ", "))]' at 'layers' failed to satisfy constraint: Member must have length less than or equal to \(Limits.layersPerFunction)")
        }
        var resolved = ResolvedLayers(versions: [], folders: [], unzippedBytes: 0)
        var seen: Set<String> = []
        for arn in arns {
            let (name, number) = try Self.reference(arn)
            guard seen.insert(name).inserted else {
                throw .invalid("Two different versions of the same layer are not allowed to be referenced in the same function. \(Self.layerArn(name)) is referenced more than once.")
            }
            let version: LayerVersion
            do {
                version = try self.version(name, number)
            } catch {
                throw .invalid("Layer version \(Self.layerArn(name)):\(number) does not exist.")
            }
            resolved.versions.append(version)
            resolved.folders.append(try contentFolder(name, number))
            resolved.unzippedBytes += version.codeSize
        }
        let limit = Facts.unzippedMax.int * 1024 * 1024
        if resolved.unzippedBytes + codeBytes > limit {
            throw .invalid("Function code combined with layers exceeds the maximum allowed size of \(limit) bytes. The actual size is \(resolved.unzippedBytes + codeBytes) bytes.")
        }
        return resolved
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }()
}

/// The files' total size: a layer's unzipped size, which counts toward the function's limit.
enum FolderSummary {
    static func size(_ folder: URL) -> Int {
        var size = 0
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) {
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
                if values?.isRegularFile == true { size += values?.fileSize ?? 0 }
            }
        }
        return size
    }
}
