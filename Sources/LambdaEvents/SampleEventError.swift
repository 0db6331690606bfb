import TutorSupport
/// A sample event that does not exist, or a `--set path=value` change that does not fit the
/// event: a struct with a stable code and a message for the learner.
package struct SampleEventError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Code: String, Sendable, Hashable {
        /// No sample event with that name.
        case unknownEvent = "UnknownSampleEvent"
        /// A `--set path=value` override that does not fit the event.
        case invalidOverride = "InvalidOverride"
        /// The event's file is missing from the resources (a broken installation).
        case missing = "MissingSampleEvent"
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}

extension SampleEventError: LearnerFacingError {
    package var learnerMessage: String { message }
}
