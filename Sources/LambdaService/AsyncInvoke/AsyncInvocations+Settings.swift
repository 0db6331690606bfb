import Foundation
import MiniLambda
import TutorSupport
import Synchronization

/// Put/Update/Get/DeleteFunctionEventInvokeConfig and the DLQ setting, per function and
/// qualifier, kept with the function (`functions/NAME/async.json`) when there is a registry.
extension AsyncInvocations {
    /// PutFunctionEventInvokeConfig: replaces the whole config (unset fields go back to defaults).
    @discardableResult
    public func putEventInvokeConfig(_ function: String, qualifier: String? = nil, _ config: FunctionEventInvokeConfig) throws(LambdaServiceError) -> FunctionEventInvokeConfig {
        try change(function, qualifier) { settings throws(LambdaServiceError) in settings.config = try config.validated() }.config
    }

    /// UpdateFunctionEventInvokeConfig: changes only the fields given.
    @discardableResult
    public func updateEventInvokeConfig(_ function: String, qualifier: String? = nil, _ config: FunctionEventInvokeConfig) throws(LambdaServiceError) -> FunctionEventInvokeConfig {
        try change(function, qualifier) { settings throws(LambdaServiceError) in
            var merged = settings.config
            if let retries = config.maximumRetryAttempts { merged.maximumRetryAttempts = retries }
            if let age = config.maximumEventAgeInSeconds { merged.maximumEventAgeInSeconds = age }
            if let destinations = config.destinationConfig {
                var current = merged.destinationConfig ?? .init()
                if let success = destinations.onSuccess { current.onSuccess = success }
                if let failure = destinations.onFailure { current.onFailure = failure }
                merged.destinationConfig = current
            }
            settings.config = try merged.validated()
        }.config
    }

    /// GetFunctionEventInvokeConfig: `ResourceNotFoundException` when none was put.
    public func getEventInvokeConfig(_ function: String, qualifier: String? = nil) throws(LambdaServiceError) -> FunctionEventInvokeConfig {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        guard let settings = try stored(reference.name)[Self.key(reference.name, reference.qualifier)], settings.config.lastModified != nil else {
            throw LambdaServiceError(.resourceNotFound, "The function \(Self.functionArn(reference.name, reference.qualifier ?? FunctionVersion.latest)) doesn't have an EventInvokeConfig")
        }
        return settings.config
    }

    public func deleteEventInvokeConfig(_ function: String, qualifier: String? = nil) throws(LambdaServiceError) {
        _ = try getEventInvokeConfig(function, qualifier: qualifier)
        _ = try change(function, qualifier, stamp: false) { settings throws(LambdaServiceError) in settings.config = FunctionEventInvokeConfig() }
    }

    /// `fn config NAME async.retries=… async.max-age=… on-success=… on-failure=… dlq=…`.
    @discardableResult
    public func configure(_ function: String, qualifier: String? = nil, settings list: [String]) throws(LambdaServiceError) -> AsyncSettings {
        try change(function, qualifier) { settings throws(LambdaServiceError) in
            settings = try settings.applying(list)
        }
    }

    /// The settings an event for `function` and `qualifier` is handled with.
    public func settings(_ function: String, qualifier: String? = nil) throws(LambdaServiceError) -> AsyncSettings {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        return try stored(reference.name)[Self.key(reference.name, reference.qualifier)] ?? AsyncSettings()
    }

    private func change(_ function: String, _ qualifier: String?, stamp: Bool = true, _ body: (inout AsyncSettings) throws(LambdaServiceError) -> Void) throws(LambdaServiceError) -> AsyncSettings {
        let reference = try FunctionReference(parsing: function, qualifier: qualifier)
        guard exists(reference.name) else {
            throw LambdaServiceError(.resourceNotFound, "Function not found: \(Self.functionArn(reference.name, reference.qualifier))")
        }
        var table = try stored(reference.name)
        let key = Self.key(reference.name, reference.qualifier)
        var settings = table[key] ?? AsyncSettings()
        try body(&settings)
        if stamp {
            settings.config.functionArn = Self.functionArn(reference.name, reference.qualifier ?? FunctionVersion.latest)
            settings.config.lastModified = clock.now()
        }
        table[key] = settings
        try save(reference.name, table)
        let saved = settings
        state.withLock { $0.settings[key] = saved }
        return saved
    }

    /// The function's saved table (qualifier key → settings), read into memory on first use.
    private func stored(_ name: String) throws(LambdaServiceError) -> [String: AsyncSettings] {
        let inMemory = state.withLock { state in state.settings.filter { $0.key == name || $0.key.hasPrefix(name + ":") } }
        guard let functions, inMemory.isEmpty else { return inMemory }
        let file = try serviceCall { () throws(MiniLambdaError) in try functions.folder(name).appendingPathComponent("async.json") }
        guard let data = try? Data(contentsOf: file) else { return [:] }
        guard let table = try? JSONDecoder.iso8601.decode([String: AsyncSettings].self, from: data) else {
            throw LambdaServiceError(.service, "\(file.path): cannot read the asynchronous invocation settings (damaged JSON)")
        }
        state.withLock { state in for (key, value) in table { state.settings[key] = value } }
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
