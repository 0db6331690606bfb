import Foundation
import LambdaModel

/// An asynchronous invocation's settings for one function and qualifier, in the shape of
/// botocore's `FunctionEventInvokeConfig` (Put/Update/Get/DeleteFunctionEventInvokeConfig), so
/// the REST layer can encode it as is. `DeadLetterConfig` is a function setting on AWS, not
/// part of this shape; the tutor keeps it beside (``AsyncSettings``).
package struct FunctionEventInvokeConfig: Sendable, Hashable, Codable {
    package struct Destination: Sendable, Hashable, Codable {
        package var destination: String?
        package init(_ destination: String?) { self.destination = destination }
        enum CodingKeys: String, CodingKey { case destination = "Destination" }
    }

    package struct DestinationConfig: Sendable, Hashable, Codable {
        package var onSuccess: Destination?
        package var onFailure: Destination?
        package init(onSuccess: String? = nil, onFailure: String? = nil) {
            self.onSuccess = onSuccess.map(Destination.init)
            self.onFailure = onFailure.map(Destination.init)
        }
        enum CodingKeys: String, CodingKey {
            case onSuccess = "OnSuccess"
            case onFailure = "OnFailure"
        }
    }

    package var lastModified: Date?
    package var functionArn: String?
    package var maximumRetryAttempts: Int?
    package var maximumEventAgeInSeconds: Int?
    package var destinationConfig: DestinationConfig?

    package init(functionArn: String? = nil, maximumRetryAttempts: Int? = nil, maximumEventAgeInSeconds: Int? = nil,
                destinationConfig: DestinationConfig? = nil, lastModified: Date? = nil) {
        self.functionArn = functionArn
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAgeInSeconds = maximumEventAgeInSeconds
        self.destinationConfig = destinationConfig
        self.lastModified = lastModified
    }

    enum CodingKeys: String, CodingKey {
        case lastModified = "LastModified"
        case functionArn = "FunctionArn"
        case maximumRetryAttempts = "MaximumRetryAttempts"
        case maximumEventAgeInSeconds = "MaximumEventAgeInSeconds"
        case destinationConfig = "DestinationConfig"
    }

    package var retries: Int { maximumRetryAttempts ?? Facts.asyncRetriesDefault.int }
    package var maximumEventAge: Int { maximumEventAgeInSeconds ?? Facts.asyncMaxEventAge.int }
    package var onSuccess: String? { destinationConfig?.onSuccess?.destination }
    package var onFailure: String? { destinationConfig?.onFailure?.destination }

    /// Whether any setting is given: Put and Update refuse a request with none.
    package var isEmpty: Bool { maximumRetryAttempts == nil && maximumEventAgeInSeconds == nil && destinationConfig == nil }

    /// Checks the ranges and destinations as the API does, with its codes and messages: a
    /// value outside the model's range is AWS's request validation (`ValidationException`),
    /// a destination that cannot receive records is `InvalidParameterValueException`.
    /// `function` (when given) may not be its own destination.
    package func validated(for function: String? = nil) throws(LambdaServiceError) -> Self {
        if let retries = maximumRetryAttempts {
            try Self.check(retries, "maximumRetryAttempts", 0, Facts.asyncRetriesMax.int)
        }
        if let age = maximumEventAgeInSeconds {
            try Self.check(age, "maximumEventAgeInSeconds", Facts.asyncMinEventAge.int, Facts.asyncMaxEventAge.int)
        }
        for (field, arn) in [("onSuccess", onSuccess), ("onFailure", onFailure)] {
            guard let arn, !arn.isEmpty else { continue }
            guard arn.count <= Self.destinationArnMaximumLength, Self.isDestinationArn(arn) else {
                throw LambdaServiceError(.validation, "1 validation error detected: Value '\(arn)' at 'destinationConfig.\(field).destination' failed to satisfy constraint: Member must satisfy regular expression pattern: \(Self.destinationArnPatternText)")
            }
            if case .function(let target) = try AsyncTarget.parse(arn), let function,
               target.split(separator: ":").first.map(String.init) == function {
                throw LambdaServiceError(.invalidParameterValue, "You can't specify the function as a destination for itself.")
            }
        }
        return self
    }

    /// botocore's `DestinationArn`: at most 350 characters of this pattern.
    static let destinationArnMaximumLength = 350
    static let destinationArnPatternText = #"$|kafka://([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)"#
    static func isDestinationArn(_ arn: String) -> Bool {
        arn.wholeMatch(of: /kafka:\/\/([^.]([a-zA-Z0-9\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)/) != nil
    }

    /// `1 validation error detected: Value '5' at 'maximumRetryAttempts' failed to satisfy constraint: …`
    static func check(_ value: Int, _ field: String, _ low: Int, _ high: Int) throws(LambdaServiceError) {
        let constraint: String
        if value < low { constraint = "Member must have value greater than or equal to \(low)" }
        else if value > high { constraint = "Member must have value less than or equal to \(high)" }
        else { return }
        throw LambdaServiceError(.validation, "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(constraint)")
    }
}

/// Everything the async scheduler needs for one function and qualifier: the API's config and
/// the function's `DeadLetterConfig.TargetArn`.
package struct AsyncSettings: Sendable, Hashable, Codable {
    package var config: FunctionEventInvokeConfig
    package var deadLetterTargetArn: String?

    package init(config: FunctionEventInvokeConfig = FunctionEventInvokeConfig(), deadLetterTargetArn: String? = nil) {
        self.config = config
        self.deadLetterTargetArn = deadLetterTargetArn
    }

    /// `fn config NAME async.retries=N async.max-age=S on-success=ARN on-failure=ARN dlq=ARN`
    /// applied to these settings (an empty value, `dlq=`, removes that setting). The keys are
    /// ``FunctionSetting``'s of kind `.async`.
    package func applying(_ settings: [String], for function: String? = nil) throws(LambdaServiceError) -> AsyncSettings {
        var updated = self
        for setting in settings {
            guard let pair = FunctionSetting.split(setting) else {
                throw LambdaServiceError(.invalidParameterValue, "expected key=value, got '\(setting)'")
            }
            let key = pair.key
            let text: String? = pair.value.isEmpty ? nil : pair.value
            guard let named = FunctionSetting.named(key), named.kind == .async else {
                throw LambdaServiceError(.invalidParameterValue, "unknown async setting '\(key)' (\(FunctionSetting.list(.async)))")
            }
            switch named {
            case .asyncRetries: updated.config.maximumRetryAttempts = try text.map { v throws(LambdaServiceError) in try Self.integer(v, key) }
            case .asyncMaxAge: updated.config.maximumEventAgeInSeconds = try text.map { v throws(LambdaServiceError) in try Self.integer(v, key) }
            case .onSuccess:
                var destinations = updated.config.destinationConfig ?? .init()
                destinations.onSuccess = text.map(FunctionEventInvokeConfig.Destination.init)
                updated.config.destinationConfig = destinations
            case .onFailure:
                var destinations = updated.config.destinationConfig ?? .init()
                destinations.onFailure = text.map(FunctionEventInvokeConfig.Destination.init)
                updated.config.destinationConfig = destinations
            case .deadLetter: updated.deadLetterTargetArn = text
            case .memory, .timeout, .ephemeral, .handler, .runtime, .description, .network, .logFormat, .logLevel,
                 .systemLogLevel, .reserved, .layers, .environment:
                // The function's own settings (ConfigurationUpdate): `fn config` hands them there.
                throw LambdaServiceError(.invalidParameterValue, "unknown async setting '\(key)' (\(FunctionSetting.list(.async)))")
            }
        }
        updated.config = try updated.config.validated(for: function)
        if let dlq = updated.deadLetterTargetArn {
            switch try AsyncTarget.parse(dlq) {
            case .queue, .topic: break
            case .function:
                throw LambdaServiceError(.invalidParameterValue, "The dead-letter target \(dlq) must be an SQS queue (or SNS topic) ARN.")
            }
        }
        return updated
    }

    /// The keys `fn config` hands to ``applying(_:for:)``.
    package static func isAsyncKey(_ setting: String) -> Bool {
        FunctionSetting.of(setting)?.kind == .async
    }

    private static func integer(_ text: String, _ key: String) throws(LambdaServiceError) -> Int {
        guard let value = Int(text) else { throw LambdaServiceError(.invalidParameterValue, "\(key) takes a whole number, got '\(text)'") }
        return value
    }
}
