import Foundation
import MiniLambda

/// The control plane for layers: PublishLayerVersion, GetLayerVersion, ListLayers,
/// ListLayerVersions, DeleteLayerVersion, and the check of a function's `Layers` setting.
/// The REPL's `layer` commands and the REST layer call these.
extension LambdaService {
    /// The account's layers, beside the functions in the data folder.
    package var layers: LayerStore { LayerStore(functions: functions) }

    /// PublishLayerVersion from a folder of files (a zip already extracted and checked).
    package func publishLayerVersion(_ name: String, content: URL, description: String = "", compatibleRuntimes: [String] = [],
                                    compatibleArchitectures: [String] = [], licenseInfo: String? = nil,
                                    codeSha256: String) throws(LambdaServiceError) -> LayerVersion {
        guard description.count <= 256 else {
            throw .invalid("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 256")
        }
        guard compatibleRuntimes.count <= 15 else {
            throw .invalid("1 validation error detected: Value at 'compatibleRuntimes' failed to satisfy constraint: Member must have length less than or equal to 15")
        }
        guard compatibleArchitectures.allSatisfy({ ["x86_64", "arm64"].contains($0) }), compatibleArchitectures.count <= 2 else {
            throw .invalid("1 validation error detected: Value '[\(compatibleArchitectures.joined(separator: ", "))]' at 'compatibleArchitectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]")
        }
        if let licenseInfo, licenseInfo.count > 512 {
            throw .invalid("1 validation error detected: Value at 'licenseInfo' failed to satisfy constraint: Member must have length less than or equal to 512")
        }
        return try layers.publish(name: name, content: content, description: description, compatibleRuntimes: compatibleRuntimes,
                                  compatibleArchitectures: compatibleArchitectures, licenseInfo: licenseInfo, codeSha256: codeSha256)
    }

    package func getLayerVersion(_ name: String, _ version: Int) throws(LambdaServiceError) -> LayerVersion {
        try layers.version(name, version)
    }

    /// ListLayers: each layer with its newest version (matching `compatibleRuntime` when given).
    package func listLayers(compatibleRuntime: String? = nil, compatibleArchitecture: String? = nil) -> [(name: String, latest: LayerVersion)] {
        layers.names().compactMap { name in
            let matching = listLayerVersions(name, compatibleRuntime: compatibleRuntime, compatibleArchitecture: compatibleArchitecture)
            return matching.first.map { (name, $0) }
        }
    }

    /// ListLayerVersions, newest first.
    package func listLayerVersions(_ name: String, compatibleRuntime: String? = nil, compatibleArchitecture: String? = nil) -> [LayerVersion] {
        layers.versions(name).filter { version in
            (compatibleRuntime.map { version.compatibleRuntimes.contains($0) } ?? true)
                && (compatibleArchitecture.map { version.compatibleArchitectures.contains($0) } ?? true)
        }
    }

    /// DeleteLayerVersion; the version's files leave the data folder now, or — when a function
    /// version still uses it — once none does (the returned names say which functions keep it).
    @discardableResult
    package func deleteLayerVersion(_ name: String, _ version: Int) throws(LambdaServiceError) -> [String] {
        try layers.delete(name, version)
        let arn = "\(LayerStore.layerArn(try LayerStore.name(from: name))):\(version)"
        let users = layerUsers()
        layers.sweep(keeping: Set(users.keys))
        return users[arn]?.sorted() ?? []
    }

    /// Removes the files of deleted layer versions no function version uses any more (after
    /// a function, one of its versions, or its `Layers` changed).
    func sweepDeletedLayers() {
        layers.sweep(keeping: Set(layerUsers().keys))
    }

    /// Every layer version ARN some function version uses, with those functions
    /// (`name` for `$LATEST`, `name:N` for a published version).
    func layerUsers() -> [String: [String]] {
        var users: [String: [String]] = [:]
        for name in functions.names() {
            if let latest = try? functions.configuration(name) {
                for arn in latest.layerArns { users[arn, default: []].append(name) }
            }
            for number in (try? functions.state(name))?.versions ?? [] {
                for arn in (try? functions.versionConfiguration(name, number))?.layerArns ?? [] { users[arn, default: []].append("\(name):\(number)") }
            }
        }
        return users
    }

    /// A `Layers` setting checked and written as full ARNs (`NAME:N` from the REPL becomes
    /// `arn:aws:lambda:…:layer:NAME:N`), with the function's code counted in the size limit.
    func checkedLayers(_ arns: [String], for name: String) throws(LambdaServiceError) -> [String] {
        let code = try serviceCall { () throws(MiniLambdaError) in try functions.codeDirectory(name) }
        let resolved = try layers.resolve(arns, codeBytes: FolderSummary.size(code))
        return resolved.versions.map(\.layerVersionArn)
    }
}
