import TutorSupport
/// A refusal of a local service, named as SQS names it (the `code` the AWS CLI would print),
/// with the message written the way AWS writes it.
package struct LocalServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    package struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        package static let queueDoesNotExist = Code(rawValue: "QueueDoesNotExist")
        package static let queueNameExists = Code(rawValue: "QueueNameExists")
        package static let invalidParameterValue = Code(rawValue: "InvalidParameterValue")
        package static let receiptHandleIsInvalid = Code(rawValue: "ReceiptHandleIsInvalid")
        package static let invalidAttributeValue = Code(rawValue: "InvalidAttributeValue")
        package static let invalidAttributeName = Code(rawValue: "InvalidAttributeName")
        package static let missingParameter = Code(rawValue: "MissingParameter")
        package static let messageNotInflight = Code(rawValue: "MessageNotInflight")
        /// SNS's codes (its query protocol's `Code`).
        package static let notFound = Code(rawValue: "NotFound")
        package static let invalidParameter = Code(rawValue: "InvalidParameter")
        package static let parameterValueInvalid = Code(rawValue: "ParameterValueInvalid")
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }
}

extension LocalServiceError: LearnerFacingError {
    /// With the SQS error code, as the AWS CLI prints it.
    package var learnerMessage: String { description }
}
