import Foundation
import LambdaModel
import MiniLambda
import TutorSupport

/// A change to a function's settings, typed: what `UpdateFunctionConfiguration` carries (plus
/// reserved concurrency, which AWS sets with `PutFunctionConcurrency`, and the tutor's own
/// network setting). The REPL's `fn config NAME key=value …` parses into it in one place
/// (``init(settings:)``); the REST layer fills it from the request's JSON. A nil field is
/// left as it is.
package struct ConfigurationUpdate: Sendable, Hashable {
    package var memorySize: Int?
    package var timeout: Int?
    /// `EphemeralStorage.Size` in MB.
    package var ephemeralStorage: Int?
    /// `Environment.Variables`: replaces every variable, as UpdateFunctionConfiguration does.
    package var environment: [String: String]?
    /// Single variables set (a value) or removed (nil) after ``environment`` is applied: the
    /// REPL's `env.KEY=VALUE` and `env.KEY=`.
    package var environmentChanges: [String: String?] = [:]
    package var handler: String?
    package var runtime: FunctionRuntime?
    package var description: String?
    /// `LoggingConfig.LogFormat` (`Text` or `JSON`), `ApplicationLogLevel`, `SystemLogLevel`,
    /// as given; checked when applied, over the function's own LoggingConfig (so a level alone
    /// on a JSON function keeps JSON, and Text drops the levels).
    package var logFormat: String?
    package var applicationLogLevel: String?
    package var systemLogLevel: String?
    /// The tutor's own setting (Lambda has none): which network the environments get.
    package var network: TutorNetwork?
    /// `ReservedConcurrentExecutions`; `.unreserved` removes the reservation
    /// (DeleteFunctionConcurrency).
    package var reservedConcurrency: ReservedConcurrency?
    /// `Layers`: layer version ARNs (or `NAME:N`), in order; empty removes every layer. The
    /// service checks them against its layers and stores full ARNs
    /// (``LambdaService/updateFunctionConfiguration(_:_:)``).
    package var layers: [String]?

    package enum ReservedConcurrency: Sendable, Hashable {
        case limit(Int)
        case unreserved
    }

    package init() {}

    /// Whether anything of `function.json` changes (reserved concurrency lives beside it).
    package var changesFunctionSettings: Bool {
        var copy = self
        copy.reservedConcurrency = nil
        return copy != ConfigurationUpdate()
    }

    /// `fn config NAME memory=512 timeout=10 env.TABLE=users handler=app.main reserved=5`:
    /// each `key=value` in order, later ones winning; `env.NAME=` (empty) removes a variable,
    /// `reserved=none` removes the reservation. The keys are ``FunctionSetting``'s.
    package init(settings: [String]) throws(MiniLambdaError) {
        for setting in settings {
            guard let pair = FunctionSetting.split(setting) else {
                throw MiniLambdaError(.invalidParameter, "'\(setting)' is not a setting; write key=value, for example memory=512")
            }
            let key = pair.key, value = pair.value
            guard let named = FunctionSetting.named(key), named.kind == .function else {
                throw Self.unknown(key)
            }
            switch named {
            case .memory:
                memorySize = try Self.whole(value, "memorySize", "MB")
            case .timeout:
                timeout = try Self.whole(value, "timeout", "seconds")
            case .ephemeral:
                ephemeralStorage = try Self.whole(value, "ephemeralStorage.size", "MB")
            case .handler:
                handler = value
            case .runtime:
                runtime = try FunctionRuntime.named(value)
            case .description:
                description = value
            case .network:
                guard let parsed = TutorNetwork(rawValue: value) else {
                    throw MiniLambdaError(.invalidParameter, "network is none or host (a setting of the tutor's, not Lambda's): none keeps the function's environments off every network but their own loopback; host gives them this machine's network")
                }
                network = parsed
            case .logFormat:
                logFormat = value
            case .logLevel:
                applicationLogLevel = value
            case .systemLogLevel:
                systemLogLevel = value
            case .reserved:
                if ["none", "unreserved", ""].contains(value.lowercased()) {
                    reservedConcurrency = .unreserved
                } else {
                    reservedConcurrency = .limit(try Self.whole(value, "reservedConcurrentExecutions", "environments"))
                }
            case .layers:
                // `layers=a:1,b:2` in order; `layers=` (or none) removes them all.
                layers = value.lowercased() == "none" ? [] : value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            case .environment:
                let name = String(key.dropFirst(FunctionSetting.environment.rawValue.count))
                environmentChanges[name] = value.isEmpty ? String?.none : value
            case .asyncRetries, .asyncMaxAge, .onSuccess, .onFailure, .deadLetter:
                // Asynchronous invocation's settings (AsyncSettings): `fn config` hands them there.
                throw MiniLambdaError(.invalidParameter, "'\(key)' is a setting of asynchronous invocation, kept apart from the function's configuration: 'fn config NAME \(key)=…' sets it")
            }
        }
    }

    /// An unknown key, with the nearest setting `fn config` takes when there is one: a
    /// function setting, or one of asynchronous invocation's (which `fn config` hands to
    /// AsyncSettings before this parser sees the rest, so `async.retry=1` ends up here).
    private static func unknown(_ key: String) -> MiniLambdaError {
        let names = (FunctionSetting.all(.function) + FunctionSetting.all(.async)).filter { $0 != .environment }.map(\.rawValue)
        if let hint = Suggestions.didYouMean(key, in: names) {
            return MiniLambdaError(.invalidParameter, "unknown setting '\(key)': \(hint)")
        }
        return MiniLambdaError(.invalidParameter, "unknown setting '\(key)'; settings are \(FunctionSetting.list(.function)), and for asynchronous invocation \(FunctionSetting.list(.async))")
    }

    /// A copy of `configuration` with the change applied and validated (AWS's rules and
    /// wording); the revision and `LastModified` (to `date`, the registry's clock) move on only
    /// when something changed.
    package func applied(to configuration: FunctionConfiguration, at date: Date) throws(MiniLambdaError) -> FunctionConfiguration {
        var copy = configuration
        if let memorySize { copy.memorySize = memorySize }
        if let timeout { copy.timeout = timeout }
        if let ephemeralStorage { copy.ephemeralStorage = ephemeralStorage == Facts.ephemeralDefault.int ? nil : ephemeralStorage }
        if let environment { copy.environment = environment }
        for (name, value) in environmentChanges {
            if let value { copy.environment[name] = value } else { copy.environment.removeValue(forKey: name) }
        }
        if let handler { copy.handler = handler }
        if let runtime { copy.runtime = runtime }
        if let description { copy.description = description }
        if let network { copy.tutorNetwork = network == .none ? nil : network }
        if let layers { copy.layers = layers.isEmpty ? nil : layers }
        for (field, value) in [(LoggingConfig.Field.format, logFormat), (.applicationLevel, applicationLogLevel), (.systemLevel, systemLogLevel)] {
            if let value { copy.loggingConfig = try LoggingConfig.applying(field, value, to: copy.loggingConfig) }
        }
        try copy.validate()
        if copy != configuration {
            copy.revision += 1
            copy.lastModified = FunctionConfiguration.timestamp(date)
        }
        return copy
    }

    private static func whole(_ value: String, _ field: String, _ unit: String) throws(MiniLambdaError) -> Int {
        guard let number = Int(value) else { throw FunctionConfiguration.constraint(value, field, "Member must be a whole number of \(unit)") }
        return number
    }
}

extension FunctionConfiguration {
    /// A copy with `fn config`'s `key=value` settings applied and validated (reserved
    /// concurrency is not a setting of `function.json` and is refused here); `LastModified`
    /// moves to `date` if anything changed.
    package func applying(_ settings: [String], at date: Date) throws(MiniLambdaError) -> FunctionConfiguration {
        let update = try ConfigurationUpdate(settings: settings)
        guard update.reservedConcurrency == nil else {
            throw MiniLambdaError(.invalidParameter, "reserved concurrency is the service's setting, not the function's: set it through LambdaService")
        }
        return try update.applied(to: self, at: date)
    }
}
