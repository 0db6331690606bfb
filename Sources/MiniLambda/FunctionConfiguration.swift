import Foundation
import LambdaModel
import TutorSupport

/// A function's settings, named and checked as AWS does (`FunctionConfiguration` in the
/// Lambda API), stored as `function.json` next to the code.
package struct FunctionConfiguration: Sendable, Hashable, Codable {
    package var functionName: String
    package var runtime: FunctionRuntime
    package var handler: String
    package var memorySize: Int
    package var timeout: Int
    /// `EphemeralStorage.Size`, the /tmp size in MB; nil (as in files written before it
    /// existed) means Lambda's default. Read it through ``ephemeralStorageMB``.
    package var ephemeralStorage: Int?
    package var environment: [String: String]
    package var description: String
    /// ISO 8601 with milliseconds and offset, as AWS writes it (`2026-11-23T18:20:11.881+0000`).
    package var lastModified: String
    /// Bumped on every change, so warm environments with old settings are retired (AWS starts
    /// new environments after a configuration update).
    package var revision: Int
    /// The tutor's own network setting (`fn config NAME network=host`), which Lambda does not
    /// have; nil (as in files written before it existed) means ``TutorNetwork/none``. Read it
    /// through ``network``.
    package var tutorNetwork: TutorNetwork?
    /// `LoggingConfig` (log format and levels); nil, as in files written before it existed, is
    /// Text. Read it through ``logging``.
    package var loggingConfig: LoggingConfig?
    /// `Layers`: the layer version ARNs in order (later layers' files win where paths meet);
    /// nil, as in files written before layers existed, is none. Read it through ``layerArns``.
    package var layers: [String]?

    package init(functionName: String, runtime: FunctionRuntime, handler: String? = nil,
                memorySize: Int = Limits.defaultMemoryMB, timeout: Int = Limits.defaultTimeoutSeconds,
                environment: [String: String] = [:], description: String = "", lastModified: Date, revision: Int = 1) {
        self.functionName = functionName
        self.runtime = runtime
        self.handler = handler ?? runtime.defaultHandler
        self.memorySize = memorySize
        self.timeout = timeout
        self.environment = environment
        self.description = description
        self.lastModified = Self.timestamp(lastModified)
        self.revision = revision
    }

    /// The /tmp size in MB: the setting, or Lambda's default.
    package var ephemeralStorageMB: Int { ephemeralStorage ?? Facts.ephemeralDefault.int }

    /// The network the function's environments get (a setting of the tutor's).
    package var network: TutorNetwork { tutorNetwork ?? .none }

    /// How its logs are written and filtered.
    package var logging: LoggingConfig { loggingConfig ?? LoggingConfig() }

    /// The layer version ARNs the environment's /opt is made of, in order.
    package var layerArns: [String] { layers ?? [] }

    package var logGroupName: String { "/aws/lambda/\(functionName)" }

    package func functionArn(qualifier: String? = nil) -> String {
        Self.functionArn(functionName, qualifier: qualifier)
    }

    /// The ARN of function `name` (with `qualifier`), for messages and shapes about a function
    /// whose settings are not at hand.
    package static func functionArn(_ name: String, qualifier: String? = nil) -> String {
        var arn = "arn:aws:lambda:\(LambdaIdentity.region):\(LambdaIdentity.accountID):function:\(name)"
        if let qualifier { arn += ":\(qualifier)" }
        return arn
    }

    package static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'"
        return formatter.string(from: date)
    }

    // MARK: - Validation (AWS's rules, numbers from the facts table)

    /// Checks every setting; the first problem is thrown in AWS's wording.
    package func validate() throws(MiniLambdaError) {
        try Self.validateName(functionName)
        try Self.validateHandler(handler)
        try Self.validateMemory(memorySize)
        try Self.validateTimeout(timeout)
        try Self.validateEphemeralStorage(ephemeralStorageMB)
        try Self.validateEnvironment(environment)
    }

    package static func constraint(_ value: String, _ field: String, _ rule: String) -> MiniLambdaError {
        MiniLambdaError(.invalidParameter, "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(rule)")
    }

    package static func validateName(_ name: String) throws(MiniLambdaError) {
        let max = Limits.functionNameMaxLength
        guard !name.isEmpty, name.count <= max else {
            throw constraint(name, "functionName", "Member must have length between 1 and \(max)")
        }
        guard name.unicodeScalars.allSatisfy({ $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" }) else {
            throw constraint(name, "functionName", "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ (letters, digits, hyphens and underscores)")
        }
    }

    package static func validateHandler(_ handler: String) throws(MiniLambdaError) {
        guard !handler.isEmpty, handler.count <= handlerMaxLength else {
            throw constraint(handler, "handler", "Member must have length less than or equal to \(handlerMaxLength)")
        }
        guard !handler.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            throw constraint(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+")
        }
    }

    package static func validateMemory(_ memory: Int) throws(MiniLambdaError) {
        try validate(memory, in: Limits.memoryMB, field: "memorySize")
    }

    package static func validateTimeout(_ timeout: Int) throws(MiniLambdaError) {
        try validate(timeout, in: Limits.timeoutSeconds, field: "timeout")
    }

    package static func validateEphemeralStorage(_ size: Int) throws(MiniLambdaError) {
        try validate(size, in: Limits.ephemeralMB, field: "ephemeralStorage.size")
    }

    /// A number within its range, refused in AWS's wording with the bound it passed.
    package static func validate(_ value: Int, in range: ClosedRange<Int>, field: String) throws(MiniLambdaError) {
        if value < range.lowerBound {
            throw constraint(String(value), field, "Member must have value greater than or equal to \(range.lowerBound)")
        }
        if value > range.upperBound {
            throw constraint(String(value), field, "Member must have value less than or equal to \(range.upperBound)")
        }
    }

    /// Keys: a letter, then letters, digits or underscores (at least the facts table's minimum
    /// length), none of Lambda's reserved names; keys and values together within the total size.
    package static func validateEnvironment(_ variables: [String: String]) throws(MiniLambdaError) {
        for key in variables.keys.sorted() {
            let scalars = Array(key.unicodeScalars)
            let wellFormed = scalars.count >= Limits.environmentKeyMinLength
                && (scalars.first.map { $0.isASCIILetter } ?? false)
                && scalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" }
            guard wellFormed else {
                throw constraint(key, "environment.variables", "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+")
            }
        }
        let reserved = variables.keys.filter { reservedEnvironmentKeys.contains($0) }.sorted()
        if !reserved.isEmpty {
            throw MiniLambdaError(.invalidParameter, "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: \(reserved.joined(separator: ", "))")
        }
        let size = variables.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        if size > Limits.environmentBytes {
            throw MiniLambdaError(.invalidParameter, "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the \(Facts.envVarsTotal.display) limit (\(size) bytes of keys and values, limit \(Limits.environmentBytes)).")
        }
    }

    static var handlerMaxLength: Int { Facts.handlerMaxLength.int }

    /// Names Lambda sets itself; a function may not override them.
    package static let reservedEnvironmentKeys: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]
}

/// Which network a function's execution environments get. Lambda has no such setting (a
/// function outside a VPC reaches the internet); this one is the tutor's, because on a shared
/// machine outbound networking cannot be had cheaply without opening the Runtime API.
package enum TutorNetwork: String, Sendable, Hashable, Codable, CaseIterable {
    /// The default: a network namespace of the environment's own with only its loopback, where
    /// the tutor serves the Runtime API (127.0.0.1:9001) and nothing else can connect. No
    /// internet, no services of the machine.
    case none
    /// This machine's network: the internet and the machine's services, as a function outside
    /// a VPC reaches the internet on Lambda. The Runtime API is then a port on the machine's
    /// loopback that only the environment's own processes may use, and other local users can
    /// reach any port the function listens on.
    case host
}

/// The account and Region every simulated ARN uses (the documentation's example account).
package enum LambdaIdentity {
    package static let region = "us-east-1"
    package static let accountID = "123456789012"
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIAlphanumeric: Bool { isASCIILetter || ("0"..."9").contains(self) }
}
