import Foundation
import MiniLambda
import TutorSupport
import Synchronization

/// Put/Update/Get/DeleteFunctionEventInvokeConfig and the DLQ setting, per function and
/// qualifier, kept with the function (`functions/NAME/async.json`) when there is a registry.
extension AsyncInvocations {
    /// PutFunctionEventInvokeConfig: replaces the whole config (unset fields go back to
    /// defaults); a request with no setting at all is refused, as AWS does.
    @discardableResult
    package func putEventInvokeConfig(_ function: String, qualifier: String? = nil, _ config: FunctionEventInvokeConfig) throws(LambdaServiceError) -> FunctionEventInvokeConfig {
        try Self.requireSetting(config)
        return try change(function, qualifier) { name, settings throws(LambdaServiceError) in settings.config = try config.validated(for: name) }.config
    }

    /// UpdateFunctionEventInvokeConfig: changes only the fields given, on a config that was put
    /// before (`ResourceNotFoundException` when there is none, as AWS answers).
    @discardableResult
    package func updateEventInvokeConfig(_ function: String, qualifier: String? = nil, _ config: FunctionEventInvokeConfig) throws(LambdaServiceError) -> FunctionEventInvokeConfig {
        try Self.requireSetting(config)
        return try change(function, qualifier) { name, settings throws(LambdaServiceError) in
            guard settings.config.lastModified != nil else { throw Self.noConfig(name, qualifier: Self.normalized(try FunctionReference(parsing: function, qualifier: qualifier).qualifier)) }
            var merged = settings.config
            if let retries = config.maximumRetryAttempts { merged.maximumRetryAttempts = retries }
            if let age = config.maximumEventAgeInSeconds { merged.maximumEventAgeInSeconds = age }
            if let destinations = config.destinationConfig {
                var current = merged.destinationConfig ?? .init()
                if let success = destinations.onSuccess { current.onSuccess = success }
                if let failure = destinations.onFailure { current.onFailure = failure }
                merged.destinationConfig = current
            }
            settings.config = try merged.validated(for: name)
        }.config
    }

    /// GetFunctionEventInvokeConfig: `ResourceNotFoundException` when none was put.
    package func getEventInvokeConfig(_ function: String, qualifier: String? = nil) throws(LambdaServiceError) -> FunctionEventInvokeConfig {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        let qualifier = Self.normalized(reference.qualifier)
        guard let settings = try stored(reference.name)[Self.key(reference.name, qualifier)], settings.config.lastModified != nil else {
            throw Self.noConfig(reference.name, qualifier: qualifier)
        }
        return settings.config
    }

    /// ListFunctionEventInvokeConfigs: the function's configs, one per qualifier that has one
    /// (`$LATEST` first, then versions and aliases by name).
    package func listEventInvokeConfigs(_ function: String) throws(LambdaServiceError) -> [FunctionEventInvokeConfig] {
        let reference = try FunctionReference(parsing: function)
        guard exists(reference.name) else {
            throw LambdaServiceError(.resourceNotFound, "Function not found: \(Self.functionArn(reference.name, nil))")
        }
        return try stored(reference.name).sorted { $0.key < $1.key }.map(\.value.config).filter { $0.lastModified != nil }
    }

    /// DeleteFunctionEventInvokeConfig: the DLQ (a function setting) stays.
    package func deleteEventInvokeConfig(_ function: String, qualifier: String? = nil) throws(LambdaServiceError) {
        _ = try getEventInvokeConfig(function, qualifier: qualifier)
        _ = try change(function, qualifier, stamp: false) { _, settings throws(LambdaServiceError) in settings.config = FunctionEventInvokeConfig() }
    }

    /// `fn config NAME async.retries=… async.max-age=… on-success=… on-failure=… dlq=…`: the
    /// same settings the API's operations change (a `dlq=` alone is the function's
    /// DeadLetterConfig, so it makes no EventInvokeConfig appear).
    @discardableResult
    package func configure(_ function: String, qualifier: String? = nil, settings list: [String]) throws(LambdaServiceError) -> AsyncSettings {
        let touchesConfig = list.contains { FunctionSetting.of($0) != .deadLetter }
        return try change(function, qualifier, stamp: touchesConfig) { name, settings throws(LambdaServiceError) in
            settings = try settings.applying(list, for: name)
        }
    }

    /// Reads a function's saved settings into memory, so events queued after a restart are
    /// handled with them before anything else has asked for them.
    func loadSettings(_ name: String) {
        _ = try? stored(name)
    }

    private static func requireSetting(_ config: FunctionEventInvokeConfig) throws(LambdaServiceError) {
        guard !config.isEmpty else {
            throw LambdaServiceError(.invalidParameterValue, "You must specify at least one of error handling or destination setting.")
        }
    }

    private static func noConfig(_ name: String, qualifier: String?) -> LambdaServiceError {
        LambdaServiceError(.resourceNotFound, "The function \(functionArn(name, qualifier ?? FunctionVersion.latest)) doesn't have an EventInvokeConfig")
    }

    /// `$LATEST` and no qualifier are the same config.
    static func normalized(_ qualifier: String?) -> String? {
        qualifier == FunctionVersion.latest ? nil : qualifier
    }

    /// The settings an event for `function` and `qualifier` is handled with.
    package func settings(_ function: String, qualifier: String? = nil) throws(LambdaServiceError) -> AsyncSettings {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        return try stored(reference.name)[Self.key(reference.name, Self.normalized(reference.qualifier))] ?? AsyncSettings()
    }

    private func change(_ function: String, _ qualifier: String?, stamp: Bool = true,
                        _ body: (_ name: String, inout AsyncSettings) throws(LambdaServiceError) -> Void) throws(LambdaServiceError) -> AsyncSettings {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        let qualifier = Self.normalized(reference.qualifier)
        guard exists(reference.name) else {
            throw LambdaServiceError(.resourceNotFound, "Function not found: \(Self.functionArn(reference.name, qualifier))")
        }
        try checkQualifier(reference.name, qualifier)
        var table = try stored(reference.name)
        let key = Self.key(reference.name, qualifier)
        var settings = table[key] ?? AsyncSettings()
        try body(reference.name, &settings)
        if stamp {
            settings.config.functionArn = Self.functionArn(reference.name, qualifier ?? FunctionVersion.latest)
            settings.config.lastModified = clock.now()
        }
        table[key] = settings
        try save(reference.name, table)
        let saved = settings
        state.withLock { $0.settings[key] = saved }
        return saved
    }

    /// A version or alias qualifier must exist (`Function not found: ARN:QUALIFIER`, as AWS
    /// answers); without a registry (unit tests) every qualifier is taken.
    private func checkQualifier(_ name: String, _ qualifier: String?) throws(LambdaServiceError) {
        guard let qualifier, let functions else { return }
        let state = try serviceCall { () throws(MiniLambdaError) in try functions.state(name) }
        let known = FunctionVersion.isPublished(qualifier) ? Int(qualifier).map(state.versions.contains) ?? false : state.aliases[qualifier] != nil
        guard known else {
            throw LambdaServiceError(.resourceNotFound, "Function not found: \(Self.functionArn(name, qualifier))")
        }
    }

    /// The function's saved table (qualifier key → settings), read into memory on first use.
    private func stored(_ name: String) throws(LambdaServiceError) -> [String: AsyncSettings] {
        let inMemory = state.withLock { state in state.settings.filter { $0.key == name || $0.key.hasPrefix(name + ":") } }
        guard let functions, inMemory.isEmpty else { return inMemory }
        let file = try serviceCall { () throws(MiniLambdaError) in try functions.folder(name).appendingPathComponent("async.json") }
        var table: [String: AsyncSettings] = [:]
        if let data = try? Data(contentsOf: file) {
            guard let saved = try? JSONDecoder.iso8601.decode([String: AsyncSettings].self, from: data) else {
                throw LambdaServiceError(.service, "\(file.path): cannot read the asynchronous invocation settings (damaged JSON)")
            }
            table = saved
        }
        // The defaults under the function's own key mark it as read, so the file is opened
        // once per session, not once per event.
        if table[name] == nil { table[name] = AsyncSettings() }
        let loaded = table
        state.withLock { state in for (key, value) in loaded { state.settings[key] = value } }
        return table
    }

    private func save(_ name: String, _ table: [String: AsyncSettings]) throws(LambdaServiceError) {
        guard let functions else { return }
        let file = try serviceCall { () throws(MiniLambdaError) in try functions.folder(name).appendingPathComponent("async.json") }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            try AtomicFile.write(try encoder.encode(table), to: file)
        } catch {
            throw LambdaServiceError(.service, "cannot save the asynchronous invocation settings of \(name): \(error)")
        }
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
