import Foundation
import MiniLambda
import TutorSupport

/// A function version as the Lambda API lists it: the settings it runs with, its number (or
/// `$LATEST`) and its qualified ARN (FunctionConfiguration's `Version` and `FunctionArn`).
package struct FunctionVersionConfiguration: Sendable, Hashable {
    package var configuration: FunctionConfiguration
    package var version: String
    package var functionArn: String { configuration.functionArn(qualifier: version) }
}

/// PublishVersion, ListVersionsByFunction, and the aliases (Create/Update/Get/List/DeleteAlias).
extension LambdaService {
    /// PublishVersion: freezes `$LATEST`'s code and settings as the next version. When nothing
    /// changed since the last version, AWS returns that version; so does this.
    @discardableResult
    package func publishVersion(_ name: String, description: String? = nil) throws(LambdaServiceError) -> FunctionVersionConfiguration {
        let published = try serviceCall { () throws(MiniLambdaError) in try functions.publish(name, description: description) }
        return FunctionVersionConfiguration(configuration: published.configuration, version: String(published.number))
    }

    /// ListVersionsByFunction: `$LATEST` first, then the published versions in order.
    package func listVersionsByFunction(_ name: String) throws(LambdaServiceError) -> [FunctionVersionConfiguration] {
        let latest = try getFunctionConfiguration(name: name)
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(name) }
        var versions = [FunctionVersionConfiguration(configuration: latest, version: FunctionVersion.latest)]
        for number in state.versions {
            if let configuration = try? functions.versionConfiguration(name, number) {
                versions.append(FunctionVersionConfiguration(configuration: configuration, version: String(number)))
            }
        }
        return versions
    }

    /// GetFunctionConfiguration with a qualifier: `$LATEST`, a version, or an alias (its version).
    package func getFunctionConfiguration(_ reference: FunctionReference) throws(LambdaServiceError) -> FunctionVersionConfiguration {
        let version = try resolveVersion(reference, weightRoll: nil)
        if version == FunctionVersion.latest {
            return FunctionVersionConfiguration(configuration: try getFunctionConfiguration(name: reference.name), version: version)
        }
        let configuration = try serviceCall { () throws(MiniLambdaError) in try functions.versionConfiguration(reference.name, Int(version)!) }
        return FunctionVersionConfiguration(configuration: configuration, version: version)
    }

    /// Throws ResourceNotFoundException unless the function and its qualifier (version or
    /// alias) exist: what Invoke checks first. One `stat` for `$LATEST`, without reading the
    /// settings (GetFunctionConfiguration's lookup did both on every Invoke through the API).
    package func checkExists(_ reference: FunctionReference) throws(LambdaServiceError) {
        _ = try resolveVersion(reference, weightRoll: nil)
    }

    /// The package that version `version` (a number or `$LATEST`) of `name` runs.
    func package(_ name: String, version: String) throws(LambdaServiceError) -> FunctionPackage {
        if version == FunctionVersion.latest { return try latestPackage(name) }
        guard let number = Int(version) else { throw .notFound(notFoundMessage(name, version)) }
        return try serviceCall { () throws(MiniLambdaError) in try functions.versionPackage(name, number) }
    }

    /// Every published version's package, and the provisioned kind of each version that has
    /// provisioned concurrency (their environments survive updates of `$LATEST`).
    func publishedPackages(_ name: String) -> [FunctionPackage] {
        guard let state = try? functions.state(name) else { return [] }
        var packages = state.versions.compactMap { try? functions.versionPackage(name, $0) }
        for qualifier in state.provisioned.keys {
            guard let version = try? resolveVersion(FunctionReference(name: name, qualifier: qualifier), weightRoll: nil),
                  var package = try? package(name, version: version) else { continue }
            package.initializationType = .provisionedConcurrency
            packages.append(package)
        }
        return packages
    }

    // MARK: - Aliases

    /// CreateAlias: `name` points at `version` (a published number or `$LATEST`), optionally
    /// sending a share of invocations to one other published version.
    @discardableResult
    package func createAlias(_ function: String, name alias: String, functionVersion: String, description: String = "",
                            routingConfig: AliasRoutingConfiguration? = nil) throws(LambdaServiceError) -> AliasConfiguration {
        try Self.validateAliasName(alias)
        let configuration = AliasConfiguration(
            aliasArn: FunctionConfiguration.functionArn(function, qualifier: alias), name: alias,
            functionVersion: functionVersion, description: description, routingConfig: routingConfig, revisionId: RandomUUID.string())
        try updateState(function) { state throws(LambdaServiceError) in
            guard state.aliases[alias] == nil else {
                throw .conflict("Alias already exists: \(configuration.aliasArn)")
            }
            try Self.validate(configuration, in: state, function: function)
            state.aliases[alias] = configuration
        }
        return configuration
    }

    /// UpdateAlias: nil fields stay; a routing config with no weights removes the routing.
    @discardableResult
    package func updateAlias(_ function: String, name alias: String, functionVersion: String? = nil, description: String? = nil,
                            routingConfig: AliasRoutingConfiguration? = nil) throws(LambdaServiceError) -> AliasConfiguration {
        try updateState(function) { state throws(LambdaServiceError) -> AliasConfiguration in
            guard var configuration = state.aliases[alias] else { throw .notFound(aliasNotFound(function, alias)) }
            if let functionVersion { configuration.functionVersion = functionVersion }
            if let description { configuration.description = description }
            if let routingConfig { configuration.routingConfig = routingConfig.additionalVersionWeights.isEmpty ? nil : routingConfig }
            configuration.revisionId = RandomUUID.string()
            try Self.validate(configuration, in: state, function: function)
            state.aliases[alias] = configuration
            return configuration
        }
    }

    package func getAlias(_ function: String, name alias: String) throws(LambdaServiceError) -> AliasConfiguration {
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(function) }
        guard let configuration = state.aliases[alias] else { throw .notFound(aliasNotFound(function, alias)) }
        return configuration
    }

    /// ListAliases, by name (with `functionVersion`, only the aliases pointing at it).
    package func listAliases(_ function: String, functionVersion: String? = nil) throws(LambdaServiceError) -> [AliasConfiguration] {
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(function) }
        return state.aliases.values.filter { functionVersion == nil || $0.functionVersion == functionVersion }.sorted { $0.name < $1.name }
    }

    package func deleteAlias(_ function: String, name alias: String) throws(LambdaServiceError) {
        try updateState(function) { state throws(LambdaServiceError) in
            state.aliases[alias] = nil
            state.provisioned[alias] = nil
            // A function URL or proxy route on the alias goes with it, as on AWS.
            state.functionURLs?[alias] = nil
            if state.functionURLs?.isEmpty == true { state.functionURLs = nil }
            state.proxyRoutes?.removeAll { $0.qualifier == alias }
            if state.proxyRoutes?.isEmpty == true { state.proxyRoutes = nil }
        }
        concurrency.setProvisioned("\(function):\(alias)", nil)
    }

    /// The version an invocation of `reference` runs: `$LATEST`, the version named, or the
    /// alias's version — or its additional version, when `weightRoll` (0..<1) falls within
    /// that version's weight.
    func resolveVersion(_ reference: FunctionReference, weightRoll: Double?) throws(LambdaServiceError) -> String {
        let qualifier = reference.resolvedQualifier
        guard functions.exists(reference.name) else {
            throw LambdaServiceError(functions.notFound(reference.name))
        }
        if qualifier == FunctionVersion.latest { return qualifier }
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(reference.name) }
        if FunctionVersion.isPublished(qualifier) {
            guard let number = Int(qualifier), state.versions.contains(number) else {
                throw .notFound(notFoundMessage(reference.name, qualifier))
            }
            return qualifier
        }
        guard let alias = state.aliases[qualifier] else { throw .notFound(notFoundMessage(reference.name, qualifier)) }
        if let roll = weightRoll, let (version, weight) = alias.routingConfig?.additionalVersionWeights.first, roll < weight {
            return version
        }
        return alias.functionVersion
    }

    // MARK: - Helpers

    func updateState<T>(_ function: String, _ change: (inout FunctionServiceState) throws(LambdaServiceError) -> T) throws(LambdaServiceError) -> T {
        var state = try serviceCall { () throws(MiniLambdaError) in try functions.state(function) }
        let value = try change(&state)
        try serviceCall { () throws(MiniLambdaError) in try functions.saveState(state, function) }
        return value
    }

    func notFoundMessage(_ name: String, _ qualifier: String) -> String {
        "Function not found: \(FunctionConfiguration.functionArn(name, qualifier: qualifier))"
    }

    func aliasNotFound(_ function: String, _ alias: String) -> String {
        "Alias not found: \(FunctionConfiguration.functionArn(function, qualifier: alias))"
    }

    /// AWS's alias name rule: 1–128 of letters, digits, `-` and `_`, not only digits.
    static func validateAliasName(_ alias: String) throws(LambdaServiceError) {
        let allowed = alias.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        guard (1...128).contains(alias.count), allowed, !FunctionVersion.isPublished(alias), alias != FunctionVersion.latest else {
            throw .invalid("1 validation error detected: Value '\(alias)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)")
        }
    }

    /// The alias's versions exist; a routing config names one other published version with a
    /// weight in 0…1, and the alias's own version is published too.
    static func validate(_ alias: AliasConfiguration, in state: FunctionServiceState, function: String) throws(LambdaServiceError) {
        let primary = alias.functionVersion
        if primary != FunctionVersion.latest {
            guard let number = Int(primary), state.versions.contains(number) else {
                throw .notFound("Function not found: \(FunctionConfiguration.functionArn(function, qualifier: primary))")
            }
        }
        guard let weights = alias.routingConfig?.additionalVersionWeights, !weights.isEmpty else { return }
        guard weights.count == 1, let (version, weight) = weights.first else {
            throw .invalid("Number of items in AdditionalVersionWeights cannot be greater than 1")
        }
        guard (0...1).contains(weight) else {
            throw .invalid("1 validation error detected: Value '\(weight)' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0]")
        }
        guard primary != FunctionVersion.latest else {
            throw .invalid("$LATEST is not supported for an alias pointing to more than 1 version")
        }
        guard version != primary else {
            throw .invalid("Invalid function version \(version). Function version \(version) is already included in routing configuration.")
        }
        guard let number = Int(version), state.versions.contains(number) else {
            throw .invalid("Function not found: \(FunctionConfiguration.functionArn(function, qualifier: version))")
        }
    }
}
