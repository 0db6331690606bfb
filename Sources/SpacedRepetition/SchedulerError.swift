/// A scheduler setting or parameter vector that cannot be used.
package struct SchedulerError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Code: String, Sendable, Hashable {
        case invalidParameters
        case invalidRetention
        case invalidSteps
        case invalidMaximumInterval
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
