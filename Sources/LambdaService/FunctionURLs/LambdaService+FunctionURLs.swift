import Foundation
import MiniLambda
import TutorSupport

/// Create/Get/Update/Delete/ListFunctionUrlConfig(s): a function URL on `$LATEST` or an alias,
/// kept in the function's `service.json` (so it is written atomically and goes with the
/// function, or with its alias). The HTTP side — the listener that turns a request into the
/// payload 2.0 event — is LocalEndpoint's `FunctionURLServer`.
extension LambdaService {
    /// CreateFunctionUrlConfig: a new URL (a fresh `<url-id>`) for `reference`'s qualifier.
    @discardableResult
    package func createFunctionURLConfig(_ reference: FunctionReference, authType: String, cors: FunctionURLCors? = nil,
                                        invokeMode: String? = nil) throws(LambdaServiceError) -> FunctionURLConfig {
        let qualifier = try urlQualifier(reference)
        try FunctionURLRules.authType(authType)
        let mode = try FunctionURLRules.invokeMode(invokeMode)
        if let cors { try FunctionURLRules.check(cors) }
        let now = FunctionURLConfig.timestamp(wallClock.now())
        let config = FunctionURLConfig(urlID: FunctionURLConfig.newURLID(), qualifier: qualifier, authType: authType, cors: cors,
                                       invokeMode: mode, creationTime: now, lastModifiedTime: now)
        try updateState(reference.name) { state throws(LambdaServiceError) in
            var urls = state.functionURLs ?? [:]
            guard urls[config.key] == nil else {
                throw .conflict("Failed to create function url config for [functionArn = \(config.functionArn(reference.name))]. Error message:  FunctionUrlConfig exists for this Lambda function")
            }
            urls[config.key] = config
            state.functionURLs = urls
        }
        return config
    }

    /// GetFunctionUrlConfig.
    package func getFunctionURLConfig(_ reference: FunctionReference) throws(LambdaServiceError) -> FunctionURLConfig {
        let key = try urlQualifier(reference) ?? FunctionVersion.latest
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(reference.name) }
        guard let config = state.functionURLs?[key] else { throw Self.noURL }
        return config
    }

    /// UpdateFunctionUrlConfig: nil fields stay as they are; `LastModifiedTime` moves on.
    @discardableResult
    package func updateFunctionURLConfig(_ reference: FunctionReference, authType: String? = nil, cors: FunctionURLCors? = nil,
                                        invokeMode: String? = nil) throws(LambdaServiceError) -> FunctionURLConfig {
        let key = try urlQualifier(reference) ?? FunctionVersion.latest
        if let authType { try FunctionURLRules.authType(authType) }
        let mode = try invokeMode.map { mode throws(LambdaServiceError) in try FunctionURLRules.invokeMode(mode) }
        if let cors { try FunctionURLRules.check(cors) }
        let now = FunctionURLConfig.timestamp(wallClock.now())
        return try updateState(reference.name) { state throws(LambdaServiceError) -> FunctionURLConfig in
            guard var config = state.functionURLs?[key] else { throw Self.noURL }
            if let authType { config.authType = authType }
            if let cors { config.cors = cors }
            if let mode { config.invokeMode = mode }
            config.lastModifiedTime = now
            state.functionURLs?[key] = config
            return config
        }
    }

    /// DeleteFunctionUrlConfig: the URL stops answering at once.
    package func deleteFunctionURLConfig(_ reference: FunctionReference) throws(LambdaServiceError) {
        let key = try urlQualifier(reference) ?? FunctionVersion.latest
        try updateState(reference.name) { state throws(LambdaServiceError) in
            guard state.functionURLs?[key] != nil else { throw Self.noURL }
            state.functionURLs?[key] = nil
            if state.functionURLs?.isEmpty == true { state.functionURLs = nil }
        }
    }

    /// ListFunctionUrlConfigs: the function's URLs, `$LATEST`'s first, then by alias.
    package func listFunctionURLConfigs(_ name: String) throws(LambdaServiceError) -> [FunctionURLConfig] {
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(name) }
        return (state.functionURLs ?? [:]).values.sorted { ($0.qualifier ?? "") < ($1.qualifier ?? "") }
    }

    /// The function and config a request for `<url-id>` reaches; nil when no function has it.
    package func functionURL(id: String) -> FunctionURLTarget? {
        for name in functions.names() {
            guard let urls = (try? functions.state(name))?.functionURLs else { continue }
            if let config = urls.values.first(where: { $0.urlID == id }) { return FunctionURLTarget(function: name, config: config) }
        }
        return nil
    }

    /// Every function URL of the data folder, by function name.
    package func allFunctionURLs() -> [FunctionURLTarget] {
        functions.names().flatMap { name -> [FunctionURLTarget] in
            let urls = (try? functions.state(name))?.functionURLs ?? [:]
            return urls.values.sorted { ($0.qualifier ?? "") < ($1.qualifier ?? "") }.map { FunctionURLTarget(function: name, config: $0) }
        }
    }

    /// The qualifier a URL may have, by AWS's rules: none or `$LATEST` (nil), or an alias that
    /// exists. A version number is refused with the model's pattern, as AWS refuses it: a URL
    /// on a published version would be pointless, since the version never changes.
    func urlQualifier(_ reference: FunctionReference) throws(LambdaServiceError) -> String? {
        guard functions.exists(reference.name) else { throw LambdaServiceError(functions.notFound(reference.name)) }
        guard let qualifier = reference.qualifier, qualifier != FunctionVersion.latest else { return nil }
        let allowed = qualifier.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        guard (1...128).contains(qualifier.count), allowed, !FunctionVersion.isPublished(qualifier) else {
            throw .invalid("1 validation error detected: Value '\(qualifier)' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$) (a function URL or route serves $LATEST or an alias, never a version number)")
        }
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(reference.name) }
        guard state.aliases[qualifier] != nil else { throw .notFound(aliasNotFound(reference.name, qualifier)) }
        return qualifier
    }

    static var noURL: LambdaServiceError { .notFound("The resource you requested does not exist.") }
}

/// The checks of a URL config's fields, as botocore's model bounds them.
enum FunctionURLRules {
    /// `NONE` is served. `AWS_IAM` is refused: the tutor does not check SigV4 signatures, so an
    /// `AWS_IAM` URL would in truth be open — saying so beats pretending.
    static func authType(_ value: String) throws(LambdaServiceError) {
        switch value {
        case "NONE": return
        case "AWS_IAM":
            throw .invalid("AuthType AWS_IAM is not served by lambda-tutor: it does not check SigV4 signatures, so the URL would not be protected. Use AuthType NONE (the URL answers only this machine's loopback, and only your own user).")
        default:
            throw .invalid("1 validation error detected: Value '\(value)' at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_IAM, NONE]")
        }
    }

    static func invokeMode(_ value: String?) throws(LambdaServiceError) -> String {
        switch value {
        case nil, "BUFFERED": return "BUFFERED"
        case "RESPONSE_STREAM":
            throw .invalid("InvokeMode RESPONSE_STREAM is not served by lambda-tutor (it does not stream responses); use BUFFERED")
        case let other?:
            throw .invalid("1 validation error detected: Value '\(other)' at 'invokeMode' failed to satisfy constraint: Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]")
        }
    }

    /// The model's bounds on `Cors`: at most 100 origins and headers, 6 methods of at most 6
    /// characters, `MaxAge` 0…86400.
    static func check(_ cors: FunctionURLCors) throws(LambdaServiceError) {
        func count(_ list: [String]?, _ field: String, _ limit: Int) throws(LambdaServiceError) {
            guard let list, list.count > limit else { return }
            throw .invalid("1 validation error detected: Value at 'cors.\(field)' failed to satisfy constraint: Member must have length less than or equal to \(limit)")
        }
        try count(cors.allowOrigins, "allowOrigins", 100)
        try count(cors.allowHeaders, "allowHeaders", 100)
        try count(cors.exposeHeaders, "exposeHeaders", 100)
        try count(cors.allowMethods, "allowMethods", 6)
        if let method = cors.allowMethods?.first(where: { $0.count > 6 }) {
            throw .invalid("1 validation error detected: Value '\(method)' at 'cors.allowMethods' failed to satisfy constraint: Member must have length less than or equal to 6")
        }
        if let origin = cors.allowOrigins?.first(where: { $0.isEmpty || $0.count > 253 }) {
            throw .invalid("1 validation error detected: Value '\(origin)' at 'cors.allowOrigins' failed to satisfy constraint: Member must have length between 1 and 253")
        }
        if let age = cors.maxAge, !(0...86_400).contains(age) {
            throw .invalid("1 validation error detected: Value '\(age)' at 'cors.maxAge' failed to satisfy constraint: Member must have value between 0 and 86400")
        }
    }
}
