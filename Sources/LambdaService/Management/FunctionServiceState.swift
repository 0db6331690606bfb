import Foundation
import MiniLambda
import TutorSupport

/// What the service keeps about a function beside its `function.json`: the published
/// versions' numbers, the aliases, the reserved concurrency and the provisioned concurrency
/// settings. Stored as `functions/NAME/service.json`, written atomically.
struct FunctionServiceState: Codable, Sendable, Hashable {
    /// The highest version number ever published: numbers are never reused, even after a
    /// version is deleted (as on AWS).
    var lastVersion: Int = 0
    /// The published versions that exist, ascending.
    var versions: [Int] = []
    /// Each published version's PublishVersion description.
    var versionDescriptions: [String: String] = [:]
    var aliases: [String: AliasConfiguration] = [:]
    /// `ReservedConcurrentExecutions`; nil when the function uses the unreserved pool.
    var reservedConcurrentExecutions: Int?
    /// Requested provisioned concurrency per qualifier (a version number or an alias name).
    var provisioned: [String: ProvisionedSetting] = [:]
    /// The .zip packages that brought code in through the API, by the digest of the files they
    /// unpacked to (LocalEndpoint's `CodeSummary`), so `CodeSha256`/`CodeSize` are the zip's as
    /// AWS computes them for as long as the files are unchanged; nil in files written before.
    var codePackages: [String: CodePackage]?
    /// The function URLs, by the qualifier they serve (`$LATEST` or an alias name); nil in files
    /// written before function URLs existed.
    var functionURLs: [String: FunctionURLConfig]?
    /// The REST-style proxy routes (payload 1.0) that invoke this function; nil when none.
    var proxyRoutes: [ProxyRoute]?

    struct ProvisionedSetting: Codable, Sendable, Hashable {
        var requested: Int
        var lastModified: String
    }
}

/// An alias as the Lambda API shows it (`AliasConfiguration`).
package struct AliasConfiguration: Codable, Sendable, Hashable {
    package var aliasArn: String
    package var name: String
    /// The version the alias points at (a number, or `$LATEST`).
    package var functionVersion: String
    package var description: String
    package var routingConfig: AliasRoutingConfiguration?
    /// Changes on every update (AWS's `RevisionId`).
    package var revisionId: String

    enum CodingKeys: String, CodingKey {
        case aliasArn = "AliasArn", name = "Name", functionVersion = "FunctionVersion", description = "Description"
        case routingConfig = "RoutingConfig", revisionId = "RevisionId"
    }
}

/// `AliasRoutingConfiguration`: a second version and the share of invocations it gets (0…1);
/// the alias's own version gets the rest.
package struct AliasRoutingConfiguration: Codable, Sendable, Hashable {
    package var additionalVersionWeights: [String: Double]

    package init(additionalVersionWeights: [String: Double]) {
        self.additionalVersionWeights = additionalVersionWeights
    }

    enum CodingKeys: String, CodingKey { case additionalVersionWeights = "AdditionalVersionWeights" }
}

extension FunctionRegistry {
    func stateFile(_ name: String) throws(MiniLambdaError) -> URL { try folder(name).appendingPathComponent("service.json") }

    func versionsFolder(_ name: String) throws(MiniLambdaError) -> URL { try folder(name).appendingPathComponent("versions", isDirectory: true) }

    /// The folder of published version `number`: `versions/N/` with its own `function.json` and `code/`.
    func versionFolder(_ name: String, _ number: Int) throws(MiniLambdaError) -> URL {
        try versionsFolder(name).appendingPathComponent(String(number), isDirectory: true)
    }

    /// The function's service state; a function that never had one has the empty state.
    func state(_ name: String) throws(MiniLambdaError) -> FunctionServiceState {
        guard exists(name) else { throw notFound(name) }
        let file = try stateFile(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return FunctionServiceState() }
        do {
            return try JSONDecoder().decode(FunctionServiceState.self, from: Data(contentsOf: file))
        } catch {
            throw MiniLambdaError(.system, "\(file.path): cannot read the function's versions and aliases (\(error.localizedDescription)); fix or delete the file")
        }
    }

    func saveState(_ state: FunctionServiceState, _ name: String) throws(MiniLambdaError) {
        let file = try stateFile(name)
        do {
            try AtomicFile.write(try Self.encoder.encode(state), to: file)
        } catch let error as FileError {
            throw MiniLambdaError(.system, error.message)
        } catch {
            throw MiniLambdaError(.system, "cannot save \(file.path): \(error)")
        }
    }
}
