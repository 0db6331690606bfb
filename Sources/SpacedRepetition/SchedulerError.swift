/// A scheduler setting or parameter vector that cannot be used.
public struct SchedulerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalidParameters
        case invalidRetention
        case invalidSteps
        case invalidMaximumInterval
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
