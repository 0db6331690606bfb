/// One setting `fn config NAME key=value` changes, named here once: the parsers
/// (``ConfigurationUpdate/init(settings:)`` for the function's own settings,
/// ``AsyncSettings/applying(_:for:)`` for asynchronous invocation), the command's usage lines
/// and its tab completion all read this table, so a setting added here is parsed, completed and
/// shown in `help fn` without being typed again elsewhere.
package enum FunctionSetting: String, CaseIterable, Sendable {
    case memory, timeout, ephemeral, handler, runtime, description, network
    case logFormat = "log-format", logLevel = "log-level", systemLogLevel = "system-log-level"
    case reserved, layers
    /// `env.NAME=VALUE`: the key is a prefix, the rest of it the variable's name.
    case environment = "env."
    case asyncRetries = "async.retries", asyncMaxAge = "async.max-age"
    case onSuccess = "on-success", onFailure = "on-failure", deadLetter = "dlq"

    /// Which parser takes the setting: the function's configuration
    /// (UpdateFunctionConfiguration, PutFunctionConcurrency) or its asynchronous invocation
    /// (PutFunctionEventInvokeConfig, plus the DeadLetterConfig the tutor keeps beside it).
    package enum Kind: Sendable {
        case function, async
    }

    package var kind: Kind {
        switch self {
        case .asyncRetries, .asyncMaxAge, .onSuccess, .onFailure, .deadLetter: .async
        case .memory, .timeout, .ephemeral, .handler, .runtime, .description, .network, .logFormat, .logLevel,
             .systemLogLevel, .reserved, .layers, .environment: .function
        }
    }

    /// The spellings also taken for the setting: the API's member names, so a key copied from
    /// `aws lambda get-function-configuration` works as well.
    package var aliases: [String] {
        switch self {
        case .memory: ["memorySize", "MemorySize"]
        case .timeout: ["Timeout"]
        case .ephemeral: ["ephemeralStorage", "EphemeralStorage", "tmp"]
        case .handler: ["Handler"]
        case .runtime: ["Runtime"]
        case .description: ["Description"]
        case .logFormat: ["LogFormat"]
        case .logLevel: ["ApplicationLogLevel"]
        case .systemLogLevel: ["SystemLogLevel"]
        case .reserved: ["ReservedConcurrentExecutions"]
        case .layers: ["Layers"]
        case .network, .environment, .asyncRetries, .asyncMaxAge, .onSuccess, .onFailure, .deadLetter: []
        }
    }

    /// The value shown after `=` on `fn config`'s usage line; nil keeps the setting off that
    /// line (it stays in completion and in the unknown-setting message): the line lists the
    /// settings the lessons use, and it is long enough already.
    package var usageValue: String? {
        switch self {
        case .memory, .ephemeral: "MB"
        case .timeout, .asyncMaxAge: "S"
        case .handler: "FILE.FUNCTION"
        case .network: "none|host"
        case .reserved: "N|none"
        case .layers: "NAME:N,…|none"
        case .environment: "VALUE …"
        case .asyncRetries: "0-2"
        case .onSuccess, .onFailure, .deadLetter: "ARN"
        case .runtime, .description, .logFormat, .logLevel, .systemLogLevel: nil
        }
    }

    /// The setting as a learner reads it in a list (`env.NAME`).
    package var displayName: String { self == .environment ? "env.NAME" : rawValue }

    /// `dlq=ARN`: the setting with `value`, as the parsers read it.
    package func setting(_ value: String) -> String { rawValue + "=" + value }

    /// What tab completion offers: the key and its `=`, ready for the value.
    package var completion: String { self == .environment ? rawValue : rawValue + "=" }

    /// The setting a `key` (the part before `=`) names, by its name or an alias; any
    /// `env.`-prefixed key is ``environment``.
    package static func named(_ key: String) -> FunctionSetting? {
        if key.hasPrefix(FunctionSetting.environment.rawValue) { return .environment }
        return allCases.first { $0.rawValue == key || $0.aliases.contains(key) }
    }

    /// A `key=value` setting split at its first `=` (nil: no `=`).
    package static func split(_ setting: String) -> (key: String, value: String)? {
        guard let equals = setting.firstIndex(of: "=") else { return nil }
        return (String(setting[..<equals]), String(setting[setting.index(after: equals)...]))
    }

    /// The setting a whole `key=value` names (nil: not a setting).
    package static func of(_ setting: String) -> FunctionSetting? {
        named(split(setting)?.key ?? setting)
    }

    /// The settings of one kind, in the table's order.
    package static func all(_ kind: Kind) -> [FunctionSetting] {
        allCases.filter { $0.kind == kind }
    }

    /// `[memory=MB] [timeout=S] … [env.KEY=VALUE …]`: one kind's settings for a usage line.
    package static func usage(_ kind: Kind) -> String {
        all(kind).compactMap { setting in
            setting.usageValue.map { "[" + (setting == .environment ? "env.KEY=" : setting.rawValue + "=") + $0 + "]" }
        }.joined(separator: " ")
    }

    /// `memory, timeout, …, env.NAME`: one kind's settings for a message.
    package static func list(_ kind: Kind) -> String {
        all(kind).map(\.displayName).joined(separator: ", ")
    }
}
