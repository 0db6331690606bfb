import Foundation

/// A function's `LoggingConfig` as the Lambda API has it: the log format (`Text` or `JSON`) and,
/// for JSON only, the application and system log levels. The runtimes see the format and the
/// application level as `AWS_LAMBDA_LOG_FORMAT` and `AWS_LAMBDA_LOG_LEVEL` and filter their own
/// lines as AWS's do; the platform's lines (START, REPORT …) follow the format and the system level.
package struct LoggingConfig: Sendable, Hashable, Codable {
    package enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        case text = "Text", json = "JSON"
    }

    package var logFormat: Format
    /// TRACE, DEBUG, INFO, WARN, ERROR or FATAL; nil is Lambda's default (INFO) under JSON.
    package var applicationLogLevel: String?
    /// DEBUG, INFO or WARN; nil is Lambda's default (INFO) under JSON.
    package var systemLogLevel: String?

    package init(logFormat: Format = .text, applicationLogLevel: String? = nil, systemLogLevel: String? = nil) {
        self.logFormat = logFormat
        self.applicationLogLevel = applicationLogLevel
        self.systemLogLevel = systemLogLevel
    }

    package static let applicationLevels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]
    package static let systemLevels = ["DEBUG", "INFO", "WARN"]

    /// The application level in effect: the setting under JSON (INFO by default), none under Text.
    package var effectiveApplicationLevel: String? {
        logFormat == .json ? (applicationLogLevel ?? "INFO") : nil
    }

    /// The system level in effect (INFO under Text, where every platform line is written).
    package var effectiveSystemLevel: String {
        logFormat == .json ? (systemLogLevel ?? "INFO") : "INFO"
    }

    /// Whether a platform event of `level` is written under the system level.
    func writes(systemEventAt level: String) -> Bool {
        let order = ["DEBUG": 0, "INFO": 1, "WARN": 2]
        return (order[level] ?? 1) >= (order[effectiveSystemLevel] ?? 1)
    }

    /// What the runtime is told, as Lambda sets it.
    var runtimeVariables: [String: String] {
        guard logFormat == .json else { return [:] }
        return ["AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": effectiveApplicationLevel ?? "INFO"]
    }

    /// The three members of `LoggingConfig` a setting changes.
    package enum Field: Sendable {
        case format, applicationLevel, systemLevel
    }

    /// `log-format=json`, `log-level=debug`, `system-log-level=warn` applied to `config` (nil:
    /// Text with no levels); levels without JSON are refused, as the Lambda API refuses them.
    package static func applying(_ field: Field, _ value: String, to config: LoggingConfig?) throws(MiniLambdaError) -> LoggingConfig? {
        var copy = config ?? LoggingConfig()
        let upper = value.uppercased()
        switch field {
        case .format:
            guard let format = Format.allCases.first(where: { $0.rawValue.uppercased() == upper }) else {
                throw FunctionConfiguration.constraint(value, "loggingConfig.logFormat", "Member must satisfy enum value set: [JSON, Text]")
            }
            copy.logFormat = format
            if format == .text {
                copy.applicationLogLevel = nil
                copy.systemLogLevel = nil
            }
        case .applicationLevel:
            guard applicationLevels.contains(upper) else {
                throw FunctionConfiguration.constraint(value, "loggingConfig.applicationLogLevel", "Member must satisfy enum value set: [\(applicationLevels.joined(separator: ", "))]")
            }
            copy.applicationLogLevel = upper
        case .systemLevel:
            guard systemLevels.contains(upper) else {
                throw FunctionConfiguration.constraint(value, "loggingConfig.systemLogLevel", "Member must satisfy enum value set: [\(systemLevels.joined(separator: ", "))]")
            }
            copy.systemLogLevel = upper
        }
        if copy.logFormat == .text, copy.applicationLogLevel != nil || copy.systemLogLevel != nil {
            throw MiniLambdaError(.invalidParameter, "Log levels can only be set when the log format is JSON: add log-format=json (as on AWS, Text logs are not filtered)")
        }
        return copy == LoggingConfig() ? nil : copy
    }
}
